"""Background incident logs: the ordinary business of a force (thefts, collisions,
disorder, welfare calls, lost property) and benign incidents involving children.

Each kind knows whether its log discloses a notifiable offence against an
identifiable victim (`offence`), who takes part (`roles`) and how it is coded.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from candour.generate import names
from candour.generate.phrasing import age_text, describe_adult, vehicle


@dataclass
class Background:
    kind: str
    opening_code: str
    channel: str
    entries: list[tuple[int, str]]
    offence: str | None  # offence code disclosed (a notifiable offence with a victim)
    roles: list[tuple[str, str]] = field(default_factory=list)  # (role, who)
    indicator: bool = False  # an exploitation indicator (a missing episode)
    child_min: int = 0  # ages needed for the "child" participants
    child_max: int = 17
    sexes: dict[str, str] = field(default_factory=dict)  # who -> sex the text assumes


@dataclass
class Cast:
    """Names as this log writes them."""

    caller: str
    victim: str
    suspect: str
    child: str
    child_age: int
    child_sex: str
    child_dob: object
    relative: str
    place: str
    street: str
    town: str
    shop: str
    hotel: str
    vrm: str
    vrm2: str


def _e(
    rng: random.Random, *texts: tuple[str, ...] | str, gaps: tuple[int, int] = (3, 45)
) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    minute = 0
    for i, t in enumerate(texts):
        text = rng.choice(t) if isinstance(t, tuple) else t
        if not text:
            continue
        if i:
            minute += rng.randint(*gaps)
        out.append((minute, text))
    return out


SHOPS = ("Tesco Express", "Co-op", "Boots", "Primark", "Sainsburys Local", "B&M", "Aldi", "Spar",
         "Home Bargains", "JD Sports", "Superdrug", "Iceland", "Lidl", "Poundland")  # fmt: skip


def theft_shop(rng: random.Random, c: Cast) -> Background:
    det = rng.random() < 0.5
    return Background(
        "theft",
        rng.choice(("THEFT", "SHOPLIFTING", "THEFT - SHOP")),
        rng.choice(("999", "101")),
        _e(
            rng,
            (
                f"Store detective at {c.shop}, {c.street} reports male has left without paying for goods.",
                f"{c.shop} {c.town} - security report shoplifter {'detained' if det else 'made off'}.",
                f"Manager of {c.shop} reports theft of {rng.choice(('meat', 'alcohol', 'razor blades', 'perfume', 'clothing'))} approx £{rng.randint(15, 240)}.",
                f"Shop theft in progress at {c.shop}.",
            ),
            f"Susp desc: {describe_adult(rng, rng.randint(19, 55))}.",
            ("Susp detained by staff." if det else "Susp made off towards the bus station.",),
            (
                "CCTV available, officers to attend.",
                "Staff have CCTV, will download.",
                "Officer to attend for statement.",
            ),
            (
                f"{c.suspect} arrested for theft." if det else "Area search negative.",
                "Goods recovered.",
                "",
            ),
        ),
        "THF",
        [("reporter", "caller"), ("victim", "caller")] + ([("suspect", "suspect")] if det else []),
    )


def theft_vehicle(rng: random.Random, c: Cast) -> Background:
    item = rng.choice(
        (
            "sat nav",
            "tools",
            "handbag",
            "laptop",
            "catalytic converter",
            "number plates",
            "work van tools",
        )
    )
    return Background(
        "theft",
        rng.choice(("THEFT FROM MV", "THEFT FROM VEHICLE", "CRIME - THEFT")),
        rng.choice(("101", "online")),
        _e(
            rng,
            (
                f"{c.caller} reports {item} stolen from their vehicle {c.vrm} overnight on {c.street}.",
                f"RP {c.caller} states someone has broken into the car and taken {item}.",
                f"Online report: theft of {item} from {vehicle(rng, c.vrm)} parked on {c.street}.",
            ),
            (
                "Window smashed.",
                "No damage, vehicle may have been left unlocked.",
                "Rear quarter light broken.",
            ),
            (
                "No witnesses. No CCTV.",
                "Neighbour has doorbell camera, RP to check.",
                "Forensics not viable.",
            ),
            ("Crime number provided to RP.", "Advice given re vehicle security.", ""),
        ),
        "THF",
        [("reporter", "caller"), ("victim", "caller")],
    )


def theft_cycle(rng: random.Random, c: Cast) -> Background:
    return Background(
        "theft",
        "THEFT - CYCLE",
        rng.choice(("101", "online")),
        _e(
            rng,
            (
                f"{c.caller} reports pedal cycle stolen from outside {c.shop}.",
                f"Bike theft - {rng.choice(('Carrera', 'Specialized', 'Boardman', 'Trek'))} mountain bike taken from garden of {c.street} address.",
                f"RP states her son's bike was taken from the school bike shed at {c.place}.",
            ),
            ("Was locked.", "Was not locked.", "Lock cut."),
            ("Frame number unknown.", "Frame number provided.", ""),
        ),
        "THF",
        [("reporter", "caller"), ("victim", "caller")],
    )


def theft_hotel(rng: random.Random, c: Cast) -> Background:
    return Background(
        "theft",
        rng.choice(("THEFT", "THEFT - HOTEL")),
        "101",
        _e(
            rng,
            (
                f"Guest at {c.hotel} reports theft from hotel room of {rng.choice(('a laptop', 'cash and jewellery', 'a wallet', 'an iPad'))}.",
                f"Night manager {c.hotel} reports a guest's room has been entered and property taken.",
                f"Hotel room theft - {c.hotel}, room {rng.randint(10, 300)}.",
            ),
            (
                "Door shows no sign of forced entry.",
                "Key card log requested from hotel.",
                "Cleaner spoken to.",
            ),
            (
                "CCTV of corridor requested.",
                "Victim is staying until Friday, statement to be taken.",
                "",
            ),
        ),
        "THF",
        [("reporter", "caller"), ("victim", "caller")],
    )


def burglary(rng: random.Random, c: Cast) -> Background:
    shed = rng.random() < 0.3
    what = "shed" if shed else "house"
    return Background(
        "burglary",
        rng.choice(("BURGLARY", "BURGLARY DWELLING" if not shed else "BURGLARY OTHER", "BURG")),
        rng.choice(("999", "101")),
        _e(
            rng,
            (
                f"{c.caller} has returned home to find their {what} broken into at {c.street}, {c.town}.",
                f"RP {c.caller} reports burglary at her {what}, rear door forced.",
                f"Burglary - {c.street} - entry via insecure window, {rng.choice(('jewellery', 'tools', 'TV', 'car keys', 'cash'))} taken.",
                f"Caller states someone has been in the {what} overnight and taken property.",
            ),
            (
                "Offenders not on scene.",
                "Susp seen running from rear garden, no desc.",
                "Neighbour heard noise at 0300.",
            ),
            ("SOCO requested.", "CSI to attend tomorrow.", "Door handles swabbed."),
            (
                "Crime ref given, victim care letter.",
                "Burglary team informed.",
                "Cocooning done with neighbours.",
            ),
        ),
        "BUR",
        [("reporter", "caller"), ("victim", "caller")],
    )


def damage(rng: random.Random, c: Cast) -> Background:
    susp = rng.random() < 0.3
    return Background(
        "damage",
        rng.choice(("CRIMINAL DAMAGE", "DAMAGE", "CRIM DAMAGE")),
        rng.choice(("999", "101", "online")),
        _e(
            rng,
            (
                f"{c.caller} reports windscreen of vehicle {c.vrm} smashed on {c.street}.",
                f"RP states neighbour has scratched her car deliberately, {c.street}.",
                f"Damage to front window of {c.caller}'s house by stones thrown.",
                f"Caller reports youths have kicked in her fence panels at {c.street}.",
            ),
            (
                "Suspect is neighbour, " + c.suspect + "." if susp else "No suspects.",
                "Caller believes it is targeted.",
            ),
            ("Photos taken.", "Cost of damage approx £" + str(rng.randint(80, 900)) + ".", ""),
        ),
        "DAM",
        [("reporter", "caller"), ("victim", "caller")] + ([("suspect", "suspect")] if susp else []),
    )


def assault(rng: random.Random, c: Cast) -> Background:
    arrest = rng.random() < 0.4
    return Background(
        "assault",
        rng.choice(("ASSAULT", "FIGHT", "VIOLENCE", "ASSAULT - ABH")),
        "999",
        _e(
            rng,
            (
                f"Fight outside {rng.choice(('the Red Lion', 'Wetherspoons', 'the Kings Head', 'the taxi rank', 'the kebab shop'))}, {c.town}. Male injured.",
                f"{c.victim} has been punched in the face by {c.suspect} on {c.street}.",
                f"Amb requesting police - male assaulted, head injury, {c.street}.",
                f"Caller reports {c.victim} has been assaulted by a friend of the family outside the address on {c.street}.",
            ),
            (
                f"IP {c.victim} has a cut to the eye and swelling.",
                "IP has a broken nose, taken to A&E.",
                "IP has bruising to arm and face.",
            ),
            (
                f"Susp {c.suspect} arrested for assault ABH."
                if arrest
                else "Susp left scene before police arrival.",
                f"Susp desc {describe_adult(rng, rng.randint(18, 45))}.",
            ),
            (
                "Statement obtained.",
                "IP does not wish to make a statement at this time.",
                "BWV captured.",
            ),
        ),
        "VAP",
        [("victim", "victim"), ("reporter", "caller")]
        + ([("suspect", "suspect")] if arrest else []),
    )


def domestic(rng: random.Random, c: Cast) -> Background:
    physical = rng.random() < 0.4
    lines = (
        (
            f"{c.victim} reports her partner {c.suspect} has been shouting and banging doors at {c.street}.",
            f"Neighbour reports raised voices and a female screaming at {c.street}.",
            f"Domestic - {c.victim} states ex partner turned up at the address drunk.",
            f"RP {c.victim} calling re argument with husband, wants him removed.",
        ),
    )
    if physical:
        extra: tuple[str | tuple[str, ...], ...] = (
            (
                f"{c.victim} states he grabbed her by the throat and pushed her into the wall.",
                "IP has red marks to her neck and arm, states he punched her.",
                "IP discloses he slapped her and threw a mug at her, cutting her hand.",
            ),
            (
                f"{c.suspect} arrested for assault.",
                "Susp left before police arrived, circulated.",
                "DASH completed - high risk.",
            ),
            ("MARAC referral.", "DVPN considered.", "Photographs of injuries taken."),
        )
        return Background(
            "domestic",
            rng.choice(("DOMESTIC", "DOMESTIC INCIDENT", "DA")),
            "999",
            _e(rng, *lines, *extra),
            "VAP",
            [("victim", "victim"), ("reporter", "victim"), ("suspect", "suspect")],
            sexes={"victim": "F", "suspect": "M"},
        )
    extra = (
        (
            "Verbal argument only, no offences disclosed.",
            "Both parties spoken to, verbal only, no assault.",
            "No injuries, no allegations made. Partner left to stay with his mother.",
        ),
        (
            "DASH completed - standard risk.",
            "DASH - standard. Advice given.",
            "Words of advice to both.",
        ),
    )
    return Background(
        "domestic",
        rng.choice(("DOMESTIC", "DOMESTIC - VERBAL", "CONCERN FOR SAFETY")),
        "999",
        _e(rng, *lines, *extra),
        None,
        [("reporter", "victim"), ("subject", "suspect")],
        sexes={"victim": "F", "suspect": "M"},
    )


def rtc(rng: random.Random, c: Cast) -> Background:
    injury = rng.random() < 0.3
    return Background(
        "rtc",
        rng.choice(
            ("RTC", "RTC - DAMAGE ONLY" if not injury else "RTC - INJURY", "ROAD TRAFFIC COLLISION")
        ),
        "999",
        _e(
            rng,
            (
                f"Two vehicle RTC on {c.street} junction with {names.street(rng)}. {c.vrm} and {c.vrm2}.",
                f"Vehicle {c.vrm} has collided with a parked car on {c.street}.",
                f"RTC - car vs lamp post, {c.street}, {c.town}.",
                f"Caller reports shunt at the roundabout, {c.vrm2} and another.",
            ),
            (
                "Minor injuries, amb not required."
                if not injury
                else "One driver complaining of neck pain, amb requested.",
            ),
            (
                "Details exchanged.",
                "Recovery requested for one vehicle.",
                "Road partially blocked, traffic managed.",
            ),
            (
                "Driver breathalysed - negative.",
                "Both drivers insured.",
                "Collision report completed.",
            ),
        ),
        None,
        [("reporter", "caller"), ("other", "victim")],
    )


def asb(rng: random.Random, c: Cast) -> Background:
    return Background(
        "asb",
        rng.choice(("ASB", "ASB - YOUTHS", "NUISANCE YOUTHS", "ANTI SOCIAL BEHAVIOUR")),
        rng.choice(("101", "999")),
        _e(
            rng,
            (
                f"Group of youths being loud and kicking a football in the street on {c.street}.",
                f"Youths on motorbikes riding on the field at {c.place}.",
                f"Caller reports kids knocking on doors and running off, {c.street}.",
                f"Group of approx {rng.randint(4, 15)} youths gathering outside {c.shop}, customers feel intimidated.",
            ),
            (
                "Units to pass attention.",
                "Officers attended, youths dispersed.",
                "Area search no trace.",
            ),
            (
                "Words of advice given to the group. No offences.",
                "No offences disclosed.",
                "Neighbourhood team informed.",
                "",
            ),
        ),
        None,
        [("reporter", "caller")],
    )


def noise(rng: random.Random, c: Cast) -> Background:
    if rng.random() < 0.3:
        lines: tuple[str | tuple[str, ...], ...] = (
            (
                f"Dog barking constantly at address on {c.street}.",
                f"Dogs left alone barking all day at {c.street}.",
            ),
            ("Referred to council dog warden.", "Owner returned, advised.", "No police action."),
        )
    else:
        lines = (
            (
                f"Loud music from a party at {c.street}, ongoing since 2200.",
                f"Neighbour at {c.street} playing music loud, third time this week.",
                f"Loud party at student house on {c.street}.",
            ),
            (
                "Referred to council environmental health.",
                "Occupants asked to turn music down, complied.",
                "No police action.",
            ),
        )
    return Background(
        "noise",
        rng.choice(("NOISE", "ASB - NOISE", "NOISE NUISANCE")),
        "101",
        _e(rng, *lines),
        None,
        [("reporter", "caller")],
    )


def welfare(rng: random.Random, c: Cast) -> Background:
    scenes = (
        (
            f"{c.caller} concerned for elderly neighbour {c.victim}, not seen for 3 days, milk on doorstep.",
            (
                "Entry forced, occupant found on the floor, amb called.",
                f"Officers attended, {c.victim} found safe and well.",
            ),
        ),
        (
            f"Caller concerned for male sat in the road on {c.street}, appears confused.",
            (
                "Male spoken to, has dementia, returned to care home.",
                "Male taken home to his wife, no concerns.",
            ),
        ),
        (
            f"{c.caller} reports relative {c.victim} has not answered the phone since yesterday.",
            (
                f"Officers attended, {c.victim} found safe and well, phone was broken.",
                "Occupant found unwell, amb called.",
            ),
        ),
        (
            f"Concern for female crying on the bridge at {c.place}.",
            (
                "Female spoken to, mental health team informed.",
                "Female located, upset after an argument, taken home.",
            ),
        ),
    )
    opening, outcomes = rng.choice(scenes)
    return Background(
        "welfare",
        rng.choice(("CONCERN FOR WELFARE", "CFW", "CONCERN FOR SAFETY")),
        rng.choice(("999", "101")),
        _e(
            rng,
            opening,
            outcomes,
            ("Safe and well check complete.", "Adult concern form submitted.", ""),
        ),
        None,
        [("reporter", "caller"), ("subject", "victim")],
    )


def lost(rng: random.Random, c: Cast) -> Background:
    item = rng.choice(
        ("wallet", "mobile phone", "purse", "passport", "car keys", "handbag", "bank cards")
    )
    return Background(
        "lost",
        rng.choice(("LOST PROPERTY", "LOST", "FOUND PROPERTY")),
        rng.choice(("101", "online", "walk_in")),
        _e(
            rng,
            (
                f"{c.caller} reports loss of {item} somewhere in {c.town} town centre.",
                f"Lost {item} - believed left on the bus.",
                f"Member of public handed in a {item} found on {c.street}.",
            ),
            (
                "No suggestion of theft.",
                "Lost property reference provided.",
                "Owner traced and informed.",
            ),
        ),
        None,
        [("reporter", "caller")],
    )


def suspicious(rng: random.Random, c: Cast) -> Background:
    scenes = (
        (
            f"Suspicious vehicle {c.vrm} parked on {c.street} for 2 days with engine running at times.",
            ("PNC check on VRM - no reports.", "Keeper traced, lives nearby, no concerns."),
        ),
        (
            f"Male seen looking into car windows on {c.street}.",
            (
                "Area search negative.",
                "Male located - looking for his own car, legitimate reason given.",
            ),
        ),
        (
            f"Caller reports two males walking between parked cars at {c.place} looking in windows.",
            ("Area search negative.", "Males located and spoken to, legitimate reason given."),
        ),
    )
    opening, outcomes = rng.choice(scenes)
    return Background(
        "suspicious",
        rng.choice(("SUSPICIOUS CIRCS", "SUSP VEHICLE", "SUSPICIOUS PERSON")),
        rng.choice(("999", "101")),
        _e(rng, opening, outcomes, ("NFA.", "Intel submitted.", "")),
        None,
        [("reporter", "caller")],
    )


def search(rng: random.Random, c: Cast) -> Background:
    return Background(
        "search",
        rng.choice(("STOP SEARCH", "S1 PACE", "SUSPICIOUS PERSON")),
        "officer_generated",
        _e(
            rng,
            (
                f"Officers on patrol stopped {c.suspect} on {c.street}, smell of cannabis.",
                f"Stop check of vehicle {c.vrm}, driver {c.suspect}.",
                f"Male seen acting suspiciously near parked cars at {c.place}.",
            ),
            (
                "Consent to search obtained - nothing found.",
                "Consent to search given, negative.",
                "Searched under s23 MDA - nothing found.",
                "Consent to search of vehicle obtained, negative result.",
            ),
            ("Male allowed on his way.", "Stop and account form completed.", "Advised."),
        ),
        None,
        [("subject", "suspect")],
    )


def drugs(rng: random.Random, c: Cast) -> Background:
    return Background(
        "drugs",
        rng.choice(("DRUGS", "STOP SEARCH - DRUGS", "POSSESSION")),
        "officer_generated",
        _e(
            rng,
            (
                f"Officers stopped {c.suspect} on {c.street}, strong smell of cannabis.",
                f"Stop search of {c.suspect} at {c.place}.",
            ),
            (
                "Found in possession of a small amount of cannabis.",
                "Small bag of white powder found, tested positive for cocaine.",
            ),
            (
                "Cannabis warning issued.",
                "Arrested for possession of a controlled drug.",
                "Reported for summons.",
            ),
        ),
        "DRG",
        [("suspect", "suspect")],
    )


def public_order(rng: random.Random, c: Cast) -> Background:
    return Background(
        "public_order",
        rng.choice(("PUBLIC ORDER", "DISORDER", "DRUNK AND DISORDERLY")),
        "999",
        _e(
            rng,
            (
                f"Drunk male shouting and swearing at staff at {c.shop}, refusing to leave.",
                f"Male threatening door staff at the Crown, {c.town}.",
                f"Female being abusive to bus driver on {c.street}, staff in fear.",
            ),
            (
                f"{c.suspect} arrested s5 public order.",
                f"{c.suspect} arrested drunk and disorderly.",
                "Male issued with a PND.",
            ),
        ),
        "PUB",
        [("suspect", "suspect"), ("reporter", "caller"), ("victim", "caller")],
    )


def alarm(rng: random.Random, c: Cast) -> Background:
    return Background(
        "alarm",
        rng.choice(("ALARM", "INTRUDER ALARM", "ALARM ACTIVATION")),
        "999",
        _e(
            rng,
            (
                f"Intruder alarm activation at {c.shop}, {c.street}.",
                f"Audible alarm at address on {c.street}.",
            ),
            (
                "Premises checked, all secure.",
                "False activation, keyholder attended.",
                "Alarm engineer informed.",
            ),
        ),
        None,
        [],
    )


def animals(rng: random.Random, c: Cast) -> Background:
    return Background(
        "animals",
        rng.choice(("ANIMALS", "STRAY ANIMAL", "HIGHWAY - ANIMALS")),
        "101",
        _e(
            rng,
            (
                f"Horses loose on {c.street}.",
                f"Stray dog running in the road on {c.street}.",
                f"Sheep on the carriageway near {c.place}.",
            ),
            ("Owner traced.", "Dog warden informed.", "Animals returned to field."),
        ),
        None,
        [("reporter", "caller")],
    )


def highway(rng: random.Random, c: Cast) -> Background:
    return Background(
        "highway",
        rng.choice(("HIGHWAY", "HIGHWAY DISRUPTION", "OBSTRUCTION")),
        "999",
        _e(
            rng,
            (
                f"Debris in the road on {c.street}.",
                f"Traffic lights out at {c.street} junction.",
                f"Fallen tree blocking {c.street}.",
            ),
            ("Highways informed.", "Road cleared.", "Council attending."),
        ),
        None,
        [("reporter", "caller")],
    )


def sudden_death(rng: random.Random, c: Cast) -> Background:
    return Background(
        "sudden_death",
        rng.choice(("SUDDEN DEATH", "SUDDEN DEATH - NON SUSPICIOUS")),
        "999",
        _e(
            rng,
            (
                f"Amb requesting police - elderly male found deceased at {c.street}.",
                f"Carer reports client {c.victim} found deceased in bed.",
            ),
            (
                "No suspicious circumstances.",
                "GP to sign death certificate.",
                "Coroners officer informed.",
            ),
            ("Undertakers attended.", "Family informed.", ""),
        ),
        None,
        [("reporter", "caller"), ("subject", "victim")],
    )


def harassment(rng: random.Random, c: Cast) -> Background:
    return Background(
        "harassment",
        rng.choice(("HARASSMENT", "MALICIOUS COMMS", "HARASSMENT - NEIGHBOUR")),
        rng.choice(("101", "online")),
        _e(
            rng,
            (
                f"{c.victim} reports ongoing threatening messages from {c.suspect}.",
                f"RP states ex partner {c.suspect} keeps turning up at her work and sending abusive texts.",
                f"{c.victim} says neighbour {c.suspect} has threatened to burn her house down.",
            ),
            ("Screenshots provided.", "This is the fourth such report.", "Victim in fear."),
            (f"{c.suspect} to be interviewed.", "PIN considered.", "Statement taken."),
        ),
        "VAP",
        [("victim", "victim"), ("reporter", "victim"), ("suspect", "suspect")],
        sexes={"victim": "F", "suspect": "M"},
    )


# --- children, benign and confounding -----------------------------------------------------


def child_lost(rng: random.Random, c: Cast) -> Background:
    a = age_text(rng, c.child_age, None, c.child_sex)
    return Background(
        "child_lost",
        rng.choice(("CONCERN FOR CHILD", "LOST CHILD", "CONCERN FOR SAFETY")),
        "999",
        _e(
            rng,
            (
                f"Mother reports {c.child} {a} has wandered off in {c.shop}, {c.town}.",
                f"Lost child {a} at {c.place}, separated from family.",
                f"Security at {c.shop} have a young child {a} who cannot find his parents.",
            ),
            (
                "Reunited with mother within 20 mins.",
                "Child found safe with grandmother nearby.",
                "Parent located, no concerns.",
            ),
            ("No concerns.", "Resolved.", ""),
        ),
        None,
        [("subject", "child"), ("reporter", "relative")],
        child_min=4,
        child_max=9,
    )


def child_truant(rng: random.Random, c: Cast) -> Background:
    a = age_text(rng, c.child_age, None, c.child_sex)
    return Background(
        "child_truant",
        rng.choice(("TRUANCY", "CONCERN FOR CHILD", "ASB")),
        "101",
        _e(
            rng,
            (
                f"School reports {c.child} {a} left site at lunchtime without permission.",
                f"Truancy patrol found {c.child} {a} in {c.shop} during school hours.",
                f"Education welfare officer asks police to check on {c.child} {a}, not attended school this week.",
            ),
            (
                "Returned to school.",
                "Child at home with mother, unwell. No concerns.",
                "Parents informed.",
            ),
        ),
        None,
        [("subject", "child")],
        child_min=11,
        child_max=15,
    )


def child_mfh(rng: random.Random, c: Cast) -> Background:
    a = age_text(rng, c.child_age, c.child_dob if rng.random() < 0.4 else None, c.child_sex)  # type: ignore[arg-type]
    return Background(
        "mfh",
        rng.choice(("MFH", "MISSING PERSON", "MISPER")),
        rng.choice(("999", "101")),
        _e(
            rng,
            (
                f"{c.relative} reports {c.child} {a} has not come home after school.",
                f"MFH {c.child} {a}. Had an argument with mum about her phone and walked out."
                if c.child_sex == "F"
                else f"MFH {c.child} {a}. Had an argument with his dad and walked out.",
                f"Parents of {c.child} {a} report the child missing, last seen at the park at 1700.",
            ),
            ("Risk assessed as low.", "Risk graded low - first episode.", "Risk medium."),
            (
                "Located at a friend's house, parents informed.",
                "Returned home of own accord at 2230.",
                "Found at grandmother's address, safe and well.",
                "Located at school friend's, mother collected.",
            ),
            (
                "Safe and well check completed. No concerns.",
                "Prevention interview done, nothing of note.",
                "Return interview to be completed.",
            ),
        ),
        None,
        [("subject", "child"), ("reporter", "relative")],
        indicator=True,
        child_min=11,
        child_max=17,
    )


def teen_couple(rng: random.Random, c: Cast) -> Background:
    return Background(
        "teen_couple",
        rng.choice(("SUSPICIOUS CIRCS", "CONCERN FOR SAFETY", "SUSP VEHICLE")),
        "officer_generated",
        _e(
            rng,
            (
                f"Vehicle {c.vrm} parked in the car park at {c.place} at 23:30 with two occupants.",
                f"Officers checked car {c.vrm} at {c.place}, couple inside.",
            ),
            (
                f"Driver is {c.child} (17), with his girlfriend aged 17 - both in the same year at college.",
                f"Occupants are a 17 year old female and her 17 year old boyfriend, {c.child}, watching a film on a phone.",
            ),
            (
                "No concerns. Advised to move on.",
                "Both 17, no concerns, parents aware where they are.",
                "Words of advice re parking, no concerns.",
            ),
        ),
        None,
        [("subject", "child"), ("other", "peer")],
        child_min=17,
        child_max=17,
    )


def relative_collects(rng: random.Random, c: Cast) -> Background:
    a = age_text(rng, c.child_age, None, c.child_sex)
    return Background(
        "relative",
        rng.choice(("CONCERN FOR CHILD", "SUSPICIOUS CIRCS")),
        rng.choice(("999", "officer_generated")),
        _e(
            rng,
            (
                f"Caller concerned a young girl {a} getting into a car {c.vrm} with an older man at {c.place} at 22:45.",
                f"Officers checked veh {c.vrm} at {c.place} late evening, adult male with child {a}.",
            ),
            (
                f"Male identified as {c.relative}, her uncle, collecting her from a friend's birthday party - mother confirmed by phone.",
                f"Male is {c.relative}, the child's grandfather, collecting her from dance class. Verified with mum.",
                f"Adult is the child's father {c.relative}, collecting her after a sleepover fell through. Checks fine.",
            ),
            (
                "No concerns.",
                "All in order, no further action.",
                "No concerns, child happy and well.",
            ),
        ),
        None,
        [("subject", "child"), ("other", "relative")],
        child_min=9,
        child_max=15,
    )


def child_welfare(rng: random.Random, c: Cast) -> Background:
    a = age_text(rng, c.child_age, None, c.child_sex)
    return Background(
        "child_welfare",
        rng.choice(("CONCERN FOR CHILD", "CHILD WELFARE", "CONCERN FOR WELFARE")),
        "101",
        _e(
            rng,
            (
                f"Neighbour concerned children left home alone at {c.street}, one child approx {a}.",
                f"Health visitor concerned about home conditions for {c.child} {a}.",
                f"Caller concerned child {c.child} {a} often out late on the estate without a coat.",
            ),
            (
                "Officers attended, mother present, home conditions adequate.",
                "Children safe and well, parent returned from shop.",
            ),
            (
                "PPN submitted to children's services.",
                "No concerns identified.",
                "Info shared with school nurse.",
            ),
        ),
        None,
        [("subject", "child"), ("reporter", "caller")],
        child_min=4,
        child_max=13,
    )


def adult_sexual(rng: random.Random, c: Cast) -> Background:
    """A sexual offence against an adult: the words are not only about children."""
    return Background(
        "adult_sexual",
        rng.choice(("SEXUAL OFFENCE", "SEXUAL ASSAULT", "ASSAULT - SEXUAL")),
        rng.choice(("999", "101")),
        _e(
            rng,
            (
                f"{c.victim} reports being touched sexually by a male in the queue at the nightclub, {c.town}.",
                f"Female aged 31 reports a male grabbed her bottom and breasts on the bus on {c.street}.",
                f"{c.victim} states a work colleague, {c.suspect}, put his hand up her skirt at the office party.",
                "Door staff at the Crown report a woman in her 20s was groped by a customer who has been ejected.",
            ),
            (
                "IP upset but uninjured.",
                "Suspect described as " + describe_adult(rng, rng.randint(20, 50)) + ".",
                "CCTV requested from the venue.",
            ),
            (
                "Statement obtained from IP.",
                "IP will attend the station tomorrow to give a statement.",
                f"{c.suspect} identified and to be interviewed.",
            ),
        ),
        "20A",
        [("victim", "victim"), ("reporter", "victim"), ("suspect", "suspect")],
        sexes={"victim": "F", "suspect": "M"},
    )


def school_fight(rng: random.Random, c: Cast) -> Background:
    a = age_text(rng, c.child_age, None, c.child_sex)
    return Background(
        "school_fight",
        rng.choice(("ASSAULT", "ASSAULT - JUVENILE", "SCHOOL INCIDENT")),
        "101",
        _e(
            rng,
            (
                f"School reports {c.child} {a} was punched in the face by another pupil at lunchtime.",
                f"Mother reports her son {c.child} {a} was assaulted by older boys on the way home from school, cut lip.",
                f"{c.child} {a} attacked in the park by a group of teenagers, phone not taken, bruising to face.",
            ),
            (
                "Injuries minor, seen by school first aider.",
                "Parents want the matter recorded.",
                "The other pupil has been excluded.",
            ),
            ("Statement to be taken with a parent present.", "Safer schools officer informed.", ""),
        ),
        "VAP",
        [("victim", "child"), ("reporter", "caller")],
        child_min=11,
        child_max=15,
    )


def online_worry(rng: random.Random, c: Cast) -> Background:
    a = age_text(rng, c.child_age, None, c.child_sex)
    return Background(
        "online_worry",
        rng.choice(("CONCERN FOR CHILD", "ADVICE", "CONCERN FOR SAFETY")),
        "101",
        _e(
            rng,
            (
                f"Mother concerned her daughter {c.child} {a} is talking to boys online late at night.",
                f"Parent worried about messages on {c.child}'s phone ({a}) from someone she does not know.",
                f"Father asks for advice - {c.child} {a} has been added to group chats by older pupils.",
            ),
            (
                "Officer reviewed messages with parent: all from school friends of the same age.",
                "Messages checked - contact is a classmate, nothing inappropriate.",
                "Account identified as a pupil in the same year; content is friendly.",
            ),
            (
                "No concerns of exploitation. Online safety advice given.",
                "No CSE concerns identified. Advice given.",
                "No offences and no safeguarding concerns. Advice re privacy settings.",
            ),
        ),
        None,
        [("subject", "child"), ("reporter", "caller")],
        child_min=12,
        child_max=15,
    )


def missing_adult(rng: random.Random, c: Cast) -> Background:
    return Background(
        "missing_adult",
        rng.choice(("MISSING PERSON", "MISPER - ADULT", "CONCERN FOR WELFARE")),
        "999",
        _e(
            rng,
            (
                f"{c.caller} reports partner {c.victim} has not returned from work and is not answering the phone.",
                f"Care home reports resident {c.victim} (dementia) has walked out, last seen on {c.street}.",
                f"{c.caller} concerned for sibling {c.victim}, left a note, believed to be in crisis.",
            ),
            ("Risk assessed as high.", "Risk medium.", "Cell site requested."),
            (
                f"{c.victim} located safe and well at {c.place}.",
                "Found at a friend's address, safe.",
                "Returned home of own accord.",
            ),
            ("Safe and well check completed.", "Mental health team informed.", ""),
        ),
        None,
        [("reporter", "caller"), ("subject", "victim")],
    )


def mental_health(rng: random.Random, c: Cast) -> Background:
    return Background(
        "mental_health",
        rng.choice(("MENTAL HEALTH", "CONCERN FOR SAFETY", "S136")),
        "999",
        _e(
            rng,
            (
                f"Male on the railway bridge at {c.place} threatening to jump.",
                f"{c.caller} reports family member {c.victim} is talking about ending their life.",
                f"Female in distress on {c.street}, shouting at traffic.",
            ),
            (
                "Officers engaged, male came away from the edge.",
                "Street triage nurse consulted.",
                "Ambulance requested.",
            ),
            (
                f"{c.victim} detained under s136 MHA and taken to a place of safety.",
                "Taken to A&E voluntarily.",
                "Handed to the crisis team.",
            ),
        ),
        None,
        [("reporter", "caller"), ("subject", "victim")],
    )


def fireworks(rng: random.Random, c: Cast) -> Background:
    return Background(
        "asb",
        rng.choice(("ASB", "FIREWORKS", "ASB - FIREWORKS")),
        "101",
        _e(
            rng,
            (
                f"Youths letting off fireworks in the street on {c.street}.",
                f"Fireworks being thrown near the play area at {c.place}, no one hurt.",
                f"Caller reports loud bangs from the field behind {c.street}, believes fireworks.",
            ),
            (
                "Area search, no trace.",
                "Youths dispersed on police arrival.",
                "Passed to the neighbourhood team.",
            ),
            ("No damage or injury reported.", "", "Words of advice."),
        ),
        None,
        [("reporter", "caller")],
    )


def contact_dispute(rng: random.Random, c: Cast) -> Background:
    a = age_text(rng, c.child_age, None, c.child_sex)
    return Background(
        "contact_dispute",
        rng.choice(("DOMESTIC", "CHILD CONTACT", "CONCERN FOR CHILD")),
        "999",
        _e(
            rng,
            (
                f"{c.caller} reports ex partner {c.relative} has not returned their child {c.child} {a} after contact.",
                f"Argument at handover of {c.child} {a} between parents outside {c.shop}.",
                f"Mother states father {c.relative} kept {c.child} {a} overnight without agreement.",
            ),
            (
                "Child with father, safe and well, checked by officers.",
                "Verbal argument only, no offences.",
                "Both parents advised this is a civil matter.",
            ),
            (
                f"{c.child} returned to mother.",
                "Advised to seek legal advice re the contact order.",
                "No concerns for the child.",
            ),
        ),
        None,
        [("reporter", "caller"), ("subject", "child"), ("other", "relative")],
        child_min=3,
        child_max=12,
    )


def adult_relationship(rng: random.Random, c: Cast) -> Background:
    """Consent language between adults: not a child, not an offence."""
    return Background(
        "adult_relationship",
        rng.choice(("CONCERN FOR SAFETY", "DOMESTIC", "ADVICE")),
        "101",
        _e(
            rng,
            (
                f"{c.caller} worried about her daughter {c.victim}, an adult, who is in a relationship with a much older man.",
                f"Father concerned his adult daughter {c.victim} has moved in with an older boyfriend.",
                f"{c.caller} asks police to check on {c.victim}, an adult, who has a new partner the family dislike.",
            ),
            (
                f"{c.victim} spoken to: both are adults, the relationship is consensual and she is happy.",
                f"Officers saw {c.victim} alone: says it is her choice, no concerns, no offences.",
                f"{c.victim} states the relationship is consensual, no controlling behaviour disclosed.",
            ),
            (
                "Advice given to the parent. No offences.",
                "No further action.",
                "DASH completed - standard.",
            ),
        ),
        None,
        [("reporter", "caller"), ("subject", "victim")],
        sexes={"victim": "F"},
    )


KINDS: tuple[tuple[object, float], ...] = (
    (theft_shop, 8), (theft_vehicle, 5), (theft_cycle, 3), (theft_hotel, 1), (burglary, 6),
    (damage, 5), (assault, 6), (domestic, 8), (rtc, 6), (asb, 8), (noise, 5), (welfare, 8),
    (lost, 4), (suspicious, 4), (search, 2), (drugs, 1), (public_order, 2), (alarm, 3),
    (animals, 2), (highway, 2), (sudden_death, 1), (harassment, 2),
    (child_lost, 1.5), (child_truant, 1.0), (child_mfh, 2.0), (teen_couple, 0.4),
    (relative_collects, 0.4), (child_welfare, 1.0), (adult_sexual, 0.6), (school_fight, 0.8),
    (online_worry, 0.5), (missing_adult, 1.5), (mental_health, 2.0), (fireworks, 1.0),
    (contact_dispute, 0.8), (adult_relationship, 0.4),
)  # fmt: skip
