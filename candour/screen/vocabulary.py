"""What the screen looks for, as data: indicator, value and a regular expression.

The patterns are written from how command-and-control logs and crime
narratives are really typed: capitals or not, police abbreviations (IP, RP,
INFT, MFH, MISPER, YOA, s/w, o/s, VRM, NFA, DOB), common misspellings, and
clipped grammar. Descriptions of appearance or ethnicity (IC1–IC6, "white
male", "asian male") are deliberately absent: they are never indicators.

Every pattern is matched case-insensitively on the original text, so spans are
exact character offsets into the column's value.
"""

from __future__ import annotations

# Number words an officer may spell out ("aged fourteen", "twenty five").
NUMBER_WORDS: dict[str, int] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
}

_NUMWORD = (
    r"(?:(?:twenty|thirty|fou?rty|fifty|sixty|seventy)(?:[\s-](?:one|two|three|four|five|six|"
    r"seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
)
_NUM = rf"(?:\d{{1,2}}|{_NUMWORD})"
# "yo", "y/o", "y.o.", "yrs", "yr old", "years old", "year-old", "yoa", "years of age"
_AGE_UNIT = (
    r"(?:\s?-?\s?(?:y\s?/\s?o\b|y\.\s?o\.?|yo\b|yoa\b|yrs?\b(?:\s?old)?|years?(?:\s?-?\s?old"
    r"|\s+of\s+age)?\b|yr\.?\s?old)(?!\s*(?:ago|later|earlier|previously|prior|since|before|after)))"
)

# Age expressions. Group ``a`` is the (lower) age; ``b`` the top of a range.
# Each is compiled alone, so the pre-filter can skip those that cannot match.
AGE_PATTERNS: tuple[str, ...] = (
    # "approx 13-14", "13/14 yrs", "13 to 15yo"
    rf"\b(?P<a>\d{{1,2}})\s?(?:-|/|to|or)\s?(?P<b>\d{{1,2}}){_AGE_UNIT}",
    rf"\b(?P<a>{_NUMWORD})\s?(?:-|/|to|or)\s?(?P<b>{_NUMWORD}){_AGE_UNIT}",
    # "between 13 and 15", "aged 30-40", "approx 13-14"
    rf"\b(?:aged|age|ages|approx(?:\.|imately)?(?:\s+age)?|about|around|between|est\.?)"
    rf"\s*:?\s*(?P<a>{_NUM})\s?(?:-|/|to|or|and)\s?(?P<b>{_NUM})\b",
    # "14yo", "14 y/o", "15yrs", "14 YOA"
    rf"\b(?P<a>\d{{1,2}}){_AGE_UNIT}",
    # "fourteen year old"
    rf"\b(?P<a>{_NUMWORD}){_AGE_UNIT}",
    # "aged 14", "age: 14", "aged fourteen", "approx age 13"
    rf"\b(?:aged|age|approx\.?\s+age)\s*:?\s*(?:approx\.?\s*|about\s+|around\s+)?"
    rf"(?P<a>{_NUM})\b(?!\s?(?:-|/|to|or|and)\s?\d)",
    # "in her 30s", "mid 20s", "late thirties", "males in their 40's"
    r"\b(?:in\s+(?:his|her|their)\s+|mid\s?-?\s?|early\s+|late\s+|approx\.?\s+|aged\s+)"
    r"(?:(?:early|mid|late)\s?-?\s?)?(?P<a>[2-7]0)\s?'?s\b",
    r"\b(?:males?|men|man|females?|wom[ae]n)\s+(?:aged\s+|approx\.?\s+)?(?P<a>[2-7]0)\s?'?s\b",
    r"\b(?:in\s+(?:his|her|their)\s+|mid\s?-?\s?|early\s+|late\s+)"
    r"(?:(?:early|mid|late)\s?-?\s?)?(?P<w>twenties|thirties|forties|fifties|sixties)\b",
    # "partner is 19", "he is 23", "boyfriend aged 20"
    r"\b(?:partner|boy\s?friend|b/f|bf|girl\s?friend|g/f|he|she)\s+(?:is|was|who\s+is)\s+"
    r"(?P<a>\d{2})\b(?!\s*(?:-|/|:|\.\d|%|hrs|hours|am|pm|min\w*|miles|mph|km|m\b|x\b|times|"
    r"quid|pounds|feet|ft|foot|stone|st\b|kg|days?|weeks?|months?))",
    # "girl (14)", "IP (14yrs)", "female, 14,", "female 14"
    r"\b(?:girl|boy|female|male|child|juvenile|ip|inft|victim|daughter|son|misper|yp|f|m)\s*"
    r"[\(,]?\s*(?P<a>\d{2})\s*(?:yrs?|yo)?\s*[\),]",
    r"\b(?:girl|boy|female|male|juvenile|daughter|son|misper)\s+(?P<a>\d{2})\b"
    r"(?!\s?(?:-|/|:|\.|hrs|hours|am|pm|mins|x|times|\d))",
    # a child named after a family noun, then the age: "SON LIAM 14", "daughter Amy 13"
    r"\b(?:daughter|son|niece|nephew|grand(?:daughter|son))\s+(?!(?:has|had|is|was|and|of|at|"
    r"for|with|on|in|aged?|approx)\b)[a-z]+\s+(?P<a>\d{2})\b"
    r"(?!\s?(?:-|/|:|\.\d|hrs|hours|am|pm|min\w*|x\b|times|\d))",
)

DECADE_WORDS = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60}

# School years in England and Wales: year N is ages N+4 to N+5 (its lower bound).
SCHOOL_YEAR = (
    r"\b(?:school\s+)?(?:year|yr)\s?(?P<y>[5-9]|1[0-3])\b(?!\s*(?:olds?|ago|\d))"
    r"|\b(?P<y2>[5-9]|1[0-3])(?:th)?\s+year\s+(?:pupil|student)"
)

# A date of birth: "DOB 12/03/1998", "D.O.B. 12.03.98", "dob: 1998-03-12", "born 12-Mar-98".
DOB = (
    r"\b(?:d\.?\s?o\.?\s?b\.?|date\s+of\s+birth|born(?:\s+on)?)\s*[:\-]?\s*"
    r"(?P<dob>\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}[\s\-]?"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*[\s\-]?\d{2,4})"
)

# (indicator, value, pattern). Order matters only for readability.
TERMS: tuple[tuple[str, str, str], ...] = (
    # --- sexual activity and penetration ----------------------------------
    (
        "sexual",
        "penetration",
        r"\b(?:rap(?:ed|e|ing)|penetrat\w*|peni?tra\w*|intercourse|inter-course|"
        r"(?:had|having|have|has|for|wanted|demanded|made\s+(?:her|him)\s+have)\s+(?:unprotected\s+)?"
        r"(?:full\s+|oral\s+)?se(?:x|xual\s+intercourse)\b|oral\s+sex|"
        r"sex\s+with|(?:slept|sleep(?:s|ing|in)?)\s+(?:with|w/|wiv|together)|made\s+love|blow\s?job|"
        r"(?:stayed|staying|spent|spending|stays)\s+the\s+night\s+(?:with|w/)\s+(?:an?\s+|the\s+|this\s+)?"
        r"(?:(?:older\s+|adult\s+)?(?:man|male|guy|bloke|adult)|[2-9]\d\s?-?\s?(?:yo|y/o|yrs?|years?))\b|"
        r"(?:sexual\s+)?act\s+of\s+penetration|digital(?:ly)?\s+penetrat\w*|fingered|"
        r"sti\s+test|morning[\s-]+after\s+pill|pregnan\w*|termination)",
    ),
    (
        "sexual",
        "contact",
        r"\b(?:sexual(?:ly)?\s+(?:activity|active|contact|touching|acts?|assault\w*|abused?|"
        r"exploit\w*|relationship|nature|encounter|behaviou?r)|sexualy\s+\w+|"
        r"sexual\s+(?:offen[cs]es?)|indecent(?:ly)?\s+\w+|touched\s+(?:her|him)\s+"
        r"(?:inappropriately|sexually|intimately|on)|(?:touched|touching|groped)\s+"
        r"(?:sexually|inappropriately|intimately)|sexually\s+touched|touching\s+(?:her|him)\s+"
        r"(?:inappropriately|sexually|intimately)|groped|kiss(?:ed|ing)\s+and\s+touch\w*|"
        r"intimate\s+(?:images?|photos?|pictures?|acts?)|nudes?|naked|"
        r"sexual\s+images?|explicit\s+(?:images?|photos?|messages?)|"
        r"hands?\s+(?:down|up|inside|in)\s+(?:her|his)\s+(?:top|trousers|knickers|pants|bra|skirt|"
        r"shorts|jeans|clothes|underwear)|touched\s+(?:her|him)\b|touching\s+(?:her|him)\b|"
        r"expos(?:ed|ing)\s+(?:himself|herself|his\s+\w+)|masturbat\w*|"
        r"(?:been|being|was|were|got|get|getting)\s+intimate\s+with|"
        r"(?:grabb(?:ed|ing)|squeez(?:ed|ing)|fondl(?:ed|ing))\s+(?:her|his|their|ip'?s|yp'?s)\s+"
        r"(?:bottom|bum|backside|buttocks|breasts?|boobs|chest|crotch|groin|genitals|private\s+parts|"
        r"vagina|penis|thighs?)|"
        r"sext(?:ing|ed|s)?\b|sex\s+acts?|consensual\s+sex|sexual(?!\s+(?:orientation|health|exploitation))|"
        r"sex\b(?!\s*[:=\-]?\s*(?:f|m|u|male|female|unknown|offender)\b))",
    ),
    (
        # sexual activity implied by health care (emergency contraception, an STI screen):
        # read as an offence only with an adult in the text (see candour.audit.reading)
        "sexual",
        "implied",
        r"\b(?:emergency\s+contracepti\w*|contracepti\w*|(?:request\w*|asking\s+for|asked\s+for|"
        r"wants?|wanted|given|gave|prescribed|issued|took|taken|needs?|needed)\s+(?:the\s+)?"
        r"(?:ec|e/c)|sti\s+(?:screen|check)\w*|std\s+(?:test|screen|check)\w*)\b",
    ),
    (
        # image-based abuse: asked for or sent pictures, threats to share them (txt-speak too)
        "sexual",
        "images",
        r"\b(?:(?:asked|asking|asks|askin|wanted|wants|demand\w*|request\w*|pressur\w*|beggin\w*|"
        r"begging)\s+(?:her|him|ip|yp|them)\s+(?:for|to\s+(?:send|take)(?:\s+(?:him|them))?)\s+"
        r"(?:some\s+|more\s+|a\s+)?(?:pics?|pix|pictures?|photos?|images?|videos?|vids?|selfies?)|"
        r"(?:threat\w*|sayin[g']?|saying|says|said|sed|will|gonna|going\s+to|would|wud|wil)\s+"
        r"(?:\w+\s+){0,3}?(?:share|shared|sharing|post|posting|send|sending|put|show|showing|spread|"
        r"leak|upload)\w*\s+(?:(?:her|his|ip'?s|yp'?s)\s+(?:\w+\s+)?(?:pics?|pix|pictures?|photos?|"
        r"images?|videos?|vids?|selfies?)|(?:the\s+)?(?:pics?|pix|pictures?|photos?|images?|videos?|"
        r"vids?)\s+(?:of|w/)\s+(?:her|him)\b|(?:her\s+|his\s+|the\s+)?nudes?)|"
        r"(?:sent|sending|sends|send)\s+(?:her|him|ip|yp)\s+(?:\w+\s+)?(?:pics?|pix|pictures?|"
        r"photos?|images?|videos?|vids?)\s+of\s+(?:himself|herself|his\s+\w+|her\s+body)|"
        r"(?:dirty|sexual|sexy|rude)\s+(?:msgs?|messages?|texts?|snaps?|chat)|sextortion)",
    ),
    # --- offences other than sexual (any notifiable offence counts) --------
    (
        "offence",
        "assault",
        r"\b(?:assault\w*|asault\w*|punch\w*|kick(?:ed|ing|s)?\b(?!\s+(?:in\s+)?(?:(?:the|her|his|their|my|a|an)\s+)?"
        r"(?:\w+\s+)?(?:doors?|windows?|gates?|fences?|panels?|cars?|vehicles?|football|ball)\b)|"
        r"headbutt\w*|head-butt\w*|slap\w*|"
        r"strangl\w*|choked|throttl\w*|stabb\w*|beaten|beat\s+(?:her|him|them)|hit\s+"
        r"(?:her|him|them|ip|the\s+ip|victim)|struck|bitten|bit\s+(?:her|him)|"
        r"pushed\s+(?:her|him)|shoved|grabbed\s+(?:her|him)\s+by|attacked|"
        r"gbh|abh|wounding|injur(?:ies|ed|y)\s+to|fight\w*|brawl|scuffle|(?:male|female|ip|victim|he|she)\s+"
        r"(?:was\s+)?injured|broken\s+(?:nose|jaw|arm|leg|ribs?|tooth|teeth|finger|wrist)|"
        r"black\s+eye|bleeding|laceration|fractur\w*|glassed|bruis\w*|swollen|"
        r"cut\s+to\s+(?:the\s+|her\s+|his\s+)?(?:head|face|lip|eye|arm|hand|cheek)|"
        r"(?:threw|thrown|throwing)\s+(?:a|an|the|some)?\s*\w+\s+at\s+(?:her|him|them|ip|the\s+ip)|"
        r"cut(?:ting)?\s+(?:her|his|their)\s+(?:hand|head|face|lip|arm|leg)|"
        r"(?:photographs?|photos?)\s+of\s+(?:the\s+)?injur\w*)",
    ),
    (
        "offence",
        "theft",
        r"\b(?:stol[ae]n|stole|theft|thieves|shoplift\w*|pickpocket\w*|nicked\s+(?:her|his|my|the|their|"
        r"a|an|some|from|off|out\s+of)|(?:been|was|were|got)\s+nicked\s+(?:from|off|out)|"
        r"made\s+off\s+with|"
        r"took\s+(?:her|his|their|the\s+ip'?s?)\s+(?:\w+\s+)?(?:phone|purse|wallet|bag|bike|keys|money)|"
        r"snatched|taken\s+without\s+(?:consent|permission)|(?:property|items?|goods|cash|money|purse|"
        r"wallet|bike|bicycle|phone|handbag|bag|jewell?ery|tools|keys|laptop|car|vehicle|parcel|"
        r"belongings|stock)\s+(?:\w+\s+)?(?:taken|stolen|removed)|(?:was|were|been|had\s+been)\s+"
        r"taken\s+from|(?:left|made\s+off|walked\s+out)\s+(?:without|w/o)\s+paying|(?:without|w/o)\s+paying|"
        r"failed\s+to\s+pay|"
        r"bilk\w*|drive[\s-]?off\s+without|taken\s+(?:property|items|goods|cash|money|jewell?ery|"
        r"the\s+\w+|her\s+\w+|his\s+\w+)|(?:been|got)\s+in(?:to)?\s+(?:the|her|his|their)\s+"
        r"(?:house|home|flat|property|car|vehicle|shed|garage)|entered\s+(?:the|her|his|their)\s+"
        r"(?:house|home|flat|property|car|vehicle|shed|garage|room))",
    ),
    ("offence", "robbery", r"\b(?:robb\w*|mugg\w*)"),
    (
        "offence",
        "burglary",
        r"\b(?:burglar\w*|burgl(?:ed|ing)|break[\s-]?in|broke\s+in(?:to)?|broken\s+into|forced\s+entry|"
        r"entry\s+forced|insecure\s+and\s+ransacked|ransacked)",
    ),
    (
        "offence",
        "damage",
        r"\b(?:criminal\s+damage|damag(?:ed|ing)\s+(?:the|her|his|their|a)|smash\w*|vandali[sz]\w*|"
        r"keyed\s+(?:the|her|his)|graffiti|set\s+(?:fire|alight)|arson|slashed\s+tyres?|"
        r"damage\s+to\b|damaged\b|stones?\s+thrown|kick(?:ed|ing)\s+(?:in\s+)?(?:(?:the|her|his|their|my|a|an)"
        r"\s+)?(?:\w+\s+)?(?:doors?|windows?|gates?|fences?|panels?|cars?|vehicles?)\b|"
        r"caus(?:ed|ing)\s+(?!(?:no|nil|any)\b)(?:\w+\s+)?damage|thrown\s+at\s+(?:the\s+)?(?:window|house|car)|"
        r"windows?\s+(?:broken|put\s+through)|scratch(?:ed|ing)\s+(?:her|his|their|the|my)\s+\w+|"
        r"deliberately\s+(?:damaged|scratched|broke|smashed)|cost\s+of\s+(?:the\s+)?damage|"
        r"damage\s+(?:to|caused\s+to)\s+(?:her|his|their|the)\s+(?:car|door|window|property|vehicle|house))",
    ),
    (
        "offence",
        "threats",
        r"\b(?:threatening\s+(?:and\s+abusive\s+)?(?:texts?|messages?|msgs?|calls?|phone\s+calls?|"
        r"voicemails?|emails?|letters?|behaviour|behavior)|threat(?:en(?:ed|ing)?|s)\s+to\s+(?:kill|stab|hurt|harm|burn|beat|"
        r"smash|rape|share|post|send)|threats\s+to\s+kill|death\s+threats?|"
        r"harass\w*|stalk\w*|blackmail\w*|extort\w*|malicious\s+communications?|"
        r"revenge\s+porn|coerc\w*|controlling\s+(?:and|&)\s+coercive|"
        r"abusive\s+(?:texts?|messages?|calls?|phone\s+calls?|voicemails?|emails?)|in\s+fear|"
        r"(?:threatened|pulled|brandished|waved|produced)\s+(?:\w+\s+){0,2}?(?:a\s+)?(?:knife|blade|weapon|"
        r"gun|bat|machete|hammer)|battered|beat\s+up|set\s+upon|"
        r"keeps?\s+(?:turning\s+up|calling|ringing|texting|messaging|following|contacting)|"
        r"turning\s+up\s+at|unwanted\s+(?:contact|messages|calls)|breach\s+of\s+(?:a\s+|the\s+|her\s+)?"
        r"(?:non[\s-]?molestation|restraining)\s+order)",
    ),
    # --- intoxication ------------------------------------------------------
    (
        "intoxication",
        "intoxicated",
        r"\b(?:drunk|drunken|intox\w*|inebriat\w*|under\s+the\s+influence|u/i|"
        r"smell(?:ing|ed|s)?\s+(?:strongly\s+)?of\s+(?:alcohol|intoxicants|drink|cannabis|weed)|"
        r"worse\s+for\s+wear|in\s+drink|had\s+been\s+drinking|been\s+drinking|"
        r"slurr\w*|unsteady\s+on\s+(?:her|his)\s+feet|passed\s+out|unconscious|"
        r"incoherent|vomit\w*|spiked|paralytic|off\s+(?:her|his)\s+(?:face|head)|"
        r"under\s+the\s+infl\w*|high\s+on|stoned|glazed\s+eyes)",
    ),
    # --- adults present ----------------------------------------------------
    (
        "adult",
        "adult",
        r"\b(?:adult\s+(?:males?|men|man|females?|wom[ae]n)|adults|"
        r"older\s+(?:males?|men|man|boyfriend|guys?|lads?)|grown\s+(?:men|man)|"
        r"(?:a|an|the|one|two|three|four|five|several|group\s+of|x\s?\d|\d\s?x|\d+)\s+(?:x\s+)?"
        r"(?:\w+\s+)?men\b|"
        r"men\s+(?:in|aged|who)|(?:a|an|the|one)\s+(?:older\s+)?man\b|"
        r"taxi\s+driver|(?:male|man)\s+driver|drivers(?!\s+(?:seat|side|door|window|licen\w*))|"
        r"(?:males?|men|man)\s+(?:in\s+(?:his|their)\s+)?(?:\d0'?s|twenties|thirties|forties|"
        r"fifties)|(?:his|their)\s+(?:\d0'?s|twenties|thirties|forties))",
    ),
    (
        "adult",
        "male",
        r"\b(?:males?|(?:a|an|the|one|unknown|unk)\s+(?:\w+\s+)?male|"
        r"(?:\d|two|three|four|several|group\s+of)\s+(?:x\s+)?males|suspects?|"
        r"offenders?|perpetrators?|ssu|susp)\b",
    ),
    (
        "family",
        "family",
        r"\b(?:father|dad|daddy|step-?dad|step-?father|uncle|grand(?:father|dad|pa)|"
        r"brother|cousin|mother|mum|mom|step-?mum|aunt(?:ie|y)?|family\s+member|relative|"
        r"parents?|guardian|carer|foster\s+(?:carer|parent|mum|dad))\b",
    ),
    (
        "family",
        "adult_is_family",
        r"\b(?:(?:the\s+)?(?:child|girl|boy|yp|ip|young\s+person|juvenile)'?s\s+|(?:her|his)\s+"
        r"(?:own\s+|older\s+)?)(?:grand)?(?:father|dad|uncle|brother|cousin|step-?dad|"
        r"step-?father|grandad|grandpa)\b",
    ),
    (
        "found",
        "found",
        r"\b(?:found(?!\s+(?:messages?|texts?|images?|photos?|pictures?|items?|nothing|no\b|"
        r"evidence|out|that|on\s+(?:her|his)|(?:a|an|the|her|his)\s+(?:\w+\s+)?(?:phone|mobile|"
        r"messages?|texts?|letter|diary|bag|drugs|cash|money)))|located|traced|discovered|"
        r"loc'?d?(?=\s+(?:in|at|on|with|w/|near|inside)\b)|"
        r"(?:(?<=veh\s)|(?<=vehicle\s)|(?<=traffic\s))stop(?:ped|\s+check\w*)?|"
        r"pulled\s+(?:over|(?:the|a|his|their)\s+(?:\w+\s+)?(?:car|veh\w*|van)\s+over)|"
        r"present\s+(?:with|w/)|yp\s+present|"
        r"on\s+(?:police\s+)?arrival|(?:officers|ofcrs|pcs?|pcso|police|patrols?|units?)\s+"
        r"(?:\w+\s+)?(?:attended|attd|att|arrived|reports?|noted|observed|saw|checked|stopped)|"
        r"noted|observed|stop\s+(?:and\s+)?(?:chk|chck|check\w*)|stopped|checked\s+(?:the\s+)?"
        r"(?:veh|vehicle|car)|(?:sat|sitting|asleep)\s+in|occupants?|removed\s+from|"
        r"on\s+(?:police\s+)?attendance|upon\s+(?:police\s+)?attendance|(?:attended|attd)(?=\s*[:\-])|"
        r"occupied\s+by|o/s(?=[\s.:,])|(?:room|rm|address|flat|premises|house|scene|location|venue)\s+"
        r"(?:\d+\w?\s+)?(?:attended|attd))\b",
    ),
    (
        # the child with adults: where, in whose company (read as "seen" unless reported speech)
        "found",
        "with",
        r"\b(?:in\s+(?:the\s+)?(?:rear|back)\s+(?:seats?\s+)?of\s+(?:the\s+|a\s+|his\s+|their\s+)?"
        r"(?:veh\w*|car|van|taxi|cab|motor)|in\s+(?:the\s+)?back\s+seats?|in\s+the\s+front\s+(?:passenger\s+)?"
        r"(?:seats?\b|of\s+(?:the\s+|a\s+|his\s+|their\s+)?(?:veh\w*|car|van|taxi|cab|motor))|"
        r"passenger\s+(?:seat\s+)?(?:of\s+(?:a|an|the|his|their)\s+(?:\w+\s+){0,2}?(?:car|veh\w*|van|"
        r"taxi)\s+)?(?:w/|with|next\s+to|beside|alongside)\s*(?:(?:an?|the|his|her|their)\s+)?\w+|driven\s+by|"
        r"in\s+(?:the\s+)?rear(?!\s+(?:of|garden|yard|door|entrance|window|alley|room))|"
        r"in\s+(?:a\s+|the\s+|his\s+|their\s+|same\s+)?(?:hotel\s+)?(?:room|rm|bedroom)\s+(?:\d+\s+)?"
        r"(?:with|w/)|in\s+(?:the\s+)?company\s+(?:of|with)|accompanied\s+by|in\s+the\s+presence\s+of|"
        r"(?:was|is|were|been|staying|stayed|stopping)\s+at\s+the\s+(?:home\s+)?address\s+of|"
        r"(?<!appropriate\s)(?:adults?|males?|men)\s+(?:\w+\s+)?present|"
        r"(?:males?|men|adults?|drivers)\s+(?:\S+\s+){0,8}?(?:with|w/)\s+(?:an?\s+|the\s+)?(?:\d{1,2}\s?-?\s?(?:yrs?|yo|y/o|years?)(?:\s?-?\s?old)?\s+|"
        r"young\s+|teenage\s+)*(?:girls?|boys?|female|juveniles?|child|yps?)(?=\s|[.,;]|$))\b",
    ),
    ("found", "seen", r"\b(?<!last\s)(?:seen|spotted|noticed|sighted|getting\s+into)\b"),
    ("person", "female", r"\b(?:females?|wom[ae]n|lady|ladies)\b"),
    # --- children ----------------------------------------------------------
    (
        "child",
        "child",
        r"\b(?:child(?:ren)?|juveniles?|girls?|boys?|young\s+(?:person|people|female|male|girl)|"
        r"y/?ps?|teen(?:age(?:r|d)?|s)?|minors?|under\s?-?age(?:d)?|schoolgirls?|"
        r"looked\s+after\s+child|lac|in\s+care|care\s+home|children'?s\s+home|"
        r"school\s+uniform|pupils?|u18|under\s+1[68])\b",
    ),
    # --- risk settings -----------------------------------------------------
    (
        "setting",
        "vehicle",
        r"\b(?:vehicles?|veh|cars?|vans?|taxis?|cabs?|motor|v\.?r\.?m\.?|reg(?:istration)?\s+"
        r"(?:no|number|plate)|private\s+hire|back\s+seat|passenger\s+seat|parked\s+up|"
        r"mini-?cab|hatchback|saloon|4x4|bmw|audi|vauxhall|ford|toyota|mercedes|"
        r"volkswagen|vw|nissan|peugeot|honda|skoda|seat\s+leon|kia|hyundai)\b",
    ),
    (
        "setting",
        "takeaway",
        r"\b(?:take[\s-]?aways?|kebab(?:\s+(?:shop|house))?|chip\s+shop|chippy|pizza\s+"
        r"(?:shop|place|takeaway)|fast\s+food|curry\s+house|chicken\s+shop|"
        r"(?:shop|restaurant)\s+flat|flat\s+above\s+(?:the\s+)?(?:shop|takeaway))\b",
    ),
    (
        "setting",
        "hotel",
        r"\b(?:hotels?|motels?|b\s?&\s?b|bed\s+and\s+breakfast|guest\s?house|"
        r"travel\s?lodge|premier\s+inn|hotel\s+room|room\s+(?:booked|number))\b",
    ),
    (
        "setting",
        "private_address",
        r"\b(?:(?:an?|the|his|their|males?'?s?|mans?'?s?|unknown|private|adult'?s?)\s+"
        r"(?:\w+\s+)?(?:address|flat|house|property|premises|bedsit|home\s+address)|"
        r"address\s+of\s+(?:(?:a|an|the)\s+)?\w+|flat\s+(?:above|at|on|in)|house\s+party|"
        r"party\s+at\s+(?:an?|the)|upstairs\s+flat|back\s+room|bedroom|"
        r"(?:his|their)\s+(?:home|place|room)|at\s+\d{1,4}[a-z]?,?\s+[a-z]+\s+(?:road|rd|street|st|"
        r"lane|ln|avenue|ave|close|crescent|drive|grove|terrace|court|way|place|row|walk|gardens|"
        r"view|mews|square|park|hill|green|rise|parade))\b",
    ),
    (
        "setting",
        "night",
        r"\b(?:(?:at|during\s+the|late\s+at|in\s+the)\s+night|late\s+(?:at\s+night|evening|"
        r"hours?)|overnight|midnight|early\s+hours|small\s+hours|after\s+dark|"
        r"(?:2[2-3]|0[0-3])[:.]?[0-5]\d\s?(?:hrs|hours|h)\b|"
        r"(?:1[01]|12)\s?(?:\.\d\d\s?)?pm|(?:12|[1-3])(?:[:.]\d\d)?\s?am)",
    ),
    # --- missing episodes -------------------------------------------------
    (
        "missing",
        "missing",
        r"\b(?:mfh|mfc|mispers?|missing|mising|misssing|absconde?d?\w*|abscond\w*|awol|"
        r"absent(?:\s+from\s+(?:home|care|placement|school))?|"
        r"failed\s+to\s+return|not\s+returned\s+(?:home|to)|whereabouts\s+(?:unknown|not\s+known)|"
        r"run\s?away|ran\s+away|runaway|gone\s+missing|did\s+not\s+return|"
        r"not\s+come\s+home|hasn'?t\s+come\s+home|not\s+returned|unauthori[sz]ed\s+absence)\b",
    ),
    # --- exchange: gifts, money, drugs, alcohol, lifts, phone credit ------
    (
        "exchange",
        "gifts",
        r"\b(?:(?:given|gave|giving|gives|give|bought|buying|buys|buy|got|gets|getting|showered|"
        r"provided|providing|supplied|supplying)\s+(?:her|him|them|the\s+(?:girl|boy|yp|child)|yp|ip)"
        r"(?:\s+with)?\s+(?:\w+\s+)?(?:gifts?|presents?|jewell?ery|perfume|clothes|trainers|"
        r"(?:phones?|mobiles?)(?!\s+(?:credit|top))|food|meals?|things|stuff|handbags?|"
        r"designer\s+\w+|treats?)|"
        r"(?:bought|buying|buys|treat\w*)\s+(?:her|him|them)\b|"
        r"(?:given|gave|giving|gives)\s+(?:her|him|them)\s+\w+|"
        r"(?:provided|supplied|plied)\s+(?:her|him|them|with)\b|"
        r"(?:gifts?|presents)\s+(?:from|off|frm)|(?:receiv\w*|recieved|accept\w*|showered\s+with)\s+"
        r"(?:\w+\s+)?(?:gifts?|presents)|unexplained\s+(?:\w+\s+)?(?:gifts?|presents|money|cash|"
        r"jewell?ery|clothes|phones?|items|possessions)|nails\s+done|money\s+for|lifts?\s+from|"
        r"free\s+food|meals?\s+bought)\b",
    ),
    (
        "exchange",
        "money",
        r"(?<=£)\d+|(?<=£\s)\d+|\b(?:money|cash|\d+\s?(?:quid|pounds)|paid|payment|paying|"
        r"pays\s+(?:her|him)|owes?\s+(?:him|them|money)|debt)\b",
    ),
    (
        "exchange",
        "drugs",
        r"\b(?:drugs?|cannabis|weed|skunk|cocaine|coke|crack|heroin|ketamine|mdma|"
        r"ecstasy|pills|spice|nitrous|balloons|spliff|joints?|class\s+[abc])\b",
    ),
    (
        "exchange",
        "alcohol",
        r"\b(?:alcohol|vodka|booze|cider|beer|lager|wine|spirits|drink(?:s)?\s+(?:supplied|"
        r"given|provided|bought)|given\s+(?:alcohol|drink|vodka)|bottles?\s+of\s+\w+|"
        r"cans?\s+of\s+\w+|drinking)\b",
    ),
    (
        "exchange",
        "lift",
        r"\b(?:lifts?|gave\s+(?:her|him|them)\s+a\s+lift|giving\s+(?:her|him|them)\s+lifts?|"
        r"picked\s+(?:her|him|them|ip)\s+up|picks?\s+(?:her|him|them)\s+up|"
        r"pick(?:ed)?\s+up\s+(?:by|from)|dropped\s+(?:her|him|them)\s+off|"
        r"driven\s+(?:to|around|about)|drove\s+(?:her|him|them)|collected\s+by)\b",
    ),
    (
        "exchange",
        "phone_credit",
        r"\b(?:phone\s+credit|top[\s-]?ups?|topped\s+up|credit\s+(?:on|for)\s+(?:her|his)\s+phone)\b",
    ),
    (
        "exchange",
        "cigarettes",
        r"\b(?:cigarettes?|cigs|fags|tobacco|vapes?)\b",
    ),
    # --- phones --------------------------------------------------------------
    (
        "phone",
        "phone",
        r"\b(?:phones?|mobiles?|mob\b|iphone|sim\s+cards?|second\s+phone|snapchat|whats\s?app|"
        r"instagram|facebook|messages?|texts?|texting|texted|calls?\s+from|"
        r"number\s+(?:saved|stored))\b",
    ),
    # --- consent and victim-blaming language ------------------------------
    (
        "consent_language",
        "consenting",
        r"\b(?:consent(?:ing|ed|ual|ually|tual)?|consens\w*|concent\w*|consentual\w*|"
        r"willing(?:ly)?(?:\s+participant)?|went\s+willingly|wanted\s+to\s+(?:go|be)|"
        r"agreed\s+to\s+(?:have\s+)?(?:sex|it|go)|"
        r"(?:of|on)\s+(?:her|his)\s+own\s+(?:free\s+)?"
        r"(?:will|accord)|happy\s+to\s+(?:go|be)|wanted\s+to\s+(?:go|be)\s+with|"
        r"instigat\w*|(?:she|he)\s+(?:was\s+)?up\s+for\s+it|not\s+a\s+victim|"
        r"doesn'?t\s+see\s+(?:herself|himself)\s+as\s+a\s+victim)\b",
    ),
    (
        "consent_language",
        "relationship",
        r"\b(?:boy\s?friend|b/f|bf|(?:older|adult)\s+partner|girl\s?friend|g/f|in\s+a\s+relationship|"
        r"(?:is|was|being)\s+'?(?:with|w/)'?\s+(?:a|an|the|this|that)?\s*(?:older\s+)?"
        r"(?:man|male|guy|bloke|adult|lad)|"
        r"relationship\s+with|seeing\s+(?:an?|the)\s+(?:older\s+)?(?:male|man|lad)|"
        r"going\s+out\s+with|dating)\b",
    ),
    (
        "consent_language",
        "choices",
        r"\b(?:lifestyle(?:\s+choices?)?|life\s+style|(?:her|his|him|their|own)\s+(?:own\s+)?choices?|"
        r"by\s+choice|nobody\s+made\s+(?:her|him)|"
        r"no\s+one\s+made\s+(?:her|him)|(?:she|he)\s+(?:is\s+)?happy\s+(?:to|with)|"
        r"(?:is|was|seems|appears|appeared)\s+happy|treats\s+(?:her|him)\s+well|"
        r"making\s+(?:her|his|their)\s+own\s+(?:choices|decisions)|own\s+decisions|"
        r"choos(?:es|ing)\s+to|chose\s+to|knows\s+what\s+(?:she|he)\s+(?:is|was)\s+doing|"
        r"street\s?-?wise|sexually\s+active|promiscu\w*|"
        r"prostitut\w*|sex\s+worker|on\s+the\s+game|rent\s+boy)\b",
    ),
    (
        "consent_language",
        "blaming",
        r"\b(?:wil(?:l)?ful|naughty|nuisance|attention\s+seek\w*|out\s+of\s+control|"
        r"beyond\s+(?:parental\s+)?control|mature\s+for\s+(?:her|his)\s+age|looks\s+older)\b",
    ),
    # --- what officers did -------------------------------------------------
    (
        "arrest",
        "arrest",
        r"\b(?:arrest(?:ed)?|detained|(?:taken|conveyed)\s+to\s+custody|in\s+custody|"
        r"charged|cautioned|reported\s+for\s+summons|fixed\s+penalty|penalty\s+notice|"
        r"d\s?&\s?d|drunk\s+and\s+disorderly|breach\s+of\s+(?:the\s+)?peace|bop|"
        r"s\.?\s?5\s+(?:pola|public\s+order))\b",
    ),
    (
        "removed",
        "removed",
        r"\b(?:removed|taken\s+home|conveyed\s+(?:home|back|to)|returned\s+(?:home|to)|"
        r"taken\s+back|place\s+of\s+safety|police\s+protection|pp\s?powers|s\.?\s?46|"
        r"ppo|handed\s+(?:over\s+)?to|collected\s+by\s+(?:mum|dad|parent|carer|staff))\b",
    ),
    (
        "adult_details",
        "not_taken",
        r"\b(?:no\s+details\s+(?:taken|obtained|recorded)|details\s+(?:not|weren'?t|were\s+not|"
        r"n/?t)\s+(?:taken|obtained|recorded)|(?:males?|men|adults?|driver|occupants?)\s+"
        r"(?:allowed|permitted|free)\s+to\s+(?:leave|go)|(?:males?|men|driver|occupants?)\s+"
        r"(?:left|drove\s+off|made\s+off|decamped)|sent\s+on\s+(?:their|his)\s+way|"
        r"words\s+of\s+advice\s+(?:given\s+)?to\s+(?:the\s+)?(?:males?|men|driver)|"
        r"no\s+further\s+action\s+(?:re|regarding|against|for)\s+(?:the\s+)?(?:males?|men|driver)|"
        r"no\s+action\s+(?:re|regarding|against)\s+(?:the\s+)?(?:males?|men|driver)|"
        r"unable\s+to\s+(?:identify|obtain\s+details))\b",
    ),
    (
        "adult_details",
        "taken",
        r"\b(?:details\s+(?:taken|obtained|recorded|noted|passed)|pnc(?:'?d)?\s+(?:checks?|"
        r"done|completed)|(?:males?|driver|occupants?)\s+(?:pnc'?d|identified\s+as|"
        r"searched|spoken\s+to\s+and\s+details)|intel(?:ligence)?\s+(?:submitted|report|log)|"
        r"stop\s+(?:and\s+)?(?:search|account)|vrm\s+(?:noted|recorded)|"
        r"(?:males?|adults?|driver)\s+(?:arrested|detained|reported))\b",
    ),
    (
        "cawn",
        "cawn",
        r"\b(?:c\.?a\.?w\.?n\.?s?|child\s+abduction\s+warning\s+notices?|abduction\s+"
        r"(?:warning\s+)?notices?|harbou?ring\s+notices?|s\.?\s?2\s+notices?|section\s+2\s+notices?|"
        r"s\.?\s?49\s+notices?)\b",
    ),
    # --- disclosure and the victim ----------------------------------------
    (
        "disclosure",
        "disclosed",
        r"\b(?:disclos\w*|alleg\w*|reports?\s+(?:that|being)|reported\s+(?:that|being)|"
        r"states?\s+(?:that|she|he)|stated\s+(?:that|she|he)|told\s+(?:police|officers?|staff|"
        r"her\s+(?:mum|mother|teacher|carer|social\s+worker)|school)|complain\w*|"
        r"made\s+(?:her|him|them)|forced|without\s+(?:her|his)\s+consent|"
        r"did\s+not\s+consent|against\s+(?:her|his)\s+will|"
        r"(?:she|he|ip|victim)\s+(?:was|had\s+been)\s+(?:attacked|assaulted|raped|abused))\b",
    ),
    (
        "victim_ref",
        "victim",
        r"\b(?:ip|i/p|injured\s+party|victims?|aggrieved|complainants?|loser)\b",
    ),
    (
        "cse_term",
        "cse",
        r"\b(?:cse|child\s+sexual\s+exploitation|sexual(?:ly)?\s+exploit\w*|exploit(?:ed|ation|"
        r"ing)|grooming|groomed|groomers?|trafficked|trafficking|child\s+sexual\s+abuse|csa|"
        r"organised\s+abuse|grooming\s+gangs?|at\s+risk\s+of\s+cse|cse\s+risk|"
        r"abuse\s+networks?|paedophile\s+ring|child\s+prostitution)\b",
    ),
    (
        # coerced, unspecified acts with adults: "made to do stuff with them", "pass her round"
        "cse_term",
        "coerced",
        r"\b(?:made\s+(?:to|her\s+|him\s+)\s*do\s+(?:\w+\s+)?(?:stuff|things|favours|it|"
        r"what\s+(?:they|he)\s+want\w*)|(?:do|doing|did|does)\s+(?:sexual\s+)?favours\s+(?:for|to)|"
        r"pass(?:ed|ing|es)?\s+(?:her|him)\s+(?:a)?round|shared\s+(?:her|him)\s+(?:around|between))\b",
    ),
    (
        # grooming by message: an older man messaging a child (txt-speak too)
        "cse_term",
        "grooming",
        r"\b(?:(?:getting|gettin|receiving|receivin|received|recieved|had|having|gets|got)\s+"
        r"(?:\w+\s+)?(?:msgs?|messages?|texts?|txts?|snaps?|dms?|calls?)\s+(?:off|from|frm)\s+"
        r"(?:an?\s+|this\s+|some\s+|the\s+)?(?:much\s+)?(?:older|adult|grown)\s+(?:man|men|male|males|"
        r"guy|guys|bloke|lad|lads)|(?:older|adult|grown)\s+(?:man|male|guy|bloke)\s+(?:has\s+been\s+|"
        r"is\s+|been\s+|was\s+|keeps\s+)?(?:messag\w*|msg\w*|texting|txting|snapchatting|contacting)"
        r"\s+(?:her|him))\b",
    ),
    (
        "no_offence",
        "no_offence",
        r"\b(?:no\s+(?:crimes?|offen[cs]es?)\s+(?:disclosed|committed|identified|apparent|"
        r"made\s+out)|ncd|nfa|n\.f\.a\.?|no\s+further\s+(?:police\s+)?action|no\s+crime|"
        r"civil\s+matter|non[\s-]?crime|not\s+a\s+police\s+matter|advice\s+given)\b",
    ),
)

# Negation and hedging cues: an indicator after one of these, in the same
# clause, is read as negated ("no disclosure made", "denies any sexual contact").
NEGATION = (
    r"\b(?:no|not|nil|none|never|nothing|nobody|no\s+one|noone|neither|nor|without|n/a|"
    r"denie[sd]|deny|denying|"
    r"refuses?\s+to\s+(?:disclose|say|confirm)|declined\s+to\s+(?:disclose|say)|"
    r"didn'?t|doesn'?t|wasn'?t|isn'?t|hasn'?t|haven'?t|won'?t|cannot|can'?t|"
    r"unable\s+to\s+(?:confirm|substantiate)|ruled\s+out|negative\s+for|free\s+from|"
    r"no\s+evidence\s+of|no\s+signs?\s+of|no\s+indication|nothing\s+to\s+suggest|"
    r"no\s+concerns?|nil\s+of\s+note|no\s+mention\s+of|unfounded|false)\b"
)

# Words that end a negation's reach: a new clause or a contrary statement.
CLAUSE_BREAK = (
    r"[.;:!?\n\r]|,|\s-\s|\b(?:but|however|although|though|whereas|yet|later|then|as|because|"
    r"since|after|before|when|while|whilst|until|states?|stated|says|said|disclosed|admitted|"
    r"and\s+that|"
    r"reports?|reported|confirmed|believes?|informed|told|and\s+(?:she|he|ip|they))\b"
)

# Negation cues that, placed directly before these terms, do not negate them
# ("no further action re males" is itself the indicator).
SELF_NEGATING = frozenset({("adult_details", "not_taken"), ("no_offence", "no_offence")})

# Fuzzy (edit distance 1) matching for long key words: real logs misspell them.
FUZZY_TERMS: dict[str, tuple[str, str]] = {
    "consenting": ("consent_language", "consenting"),
    "consensual": ("consent_language", "consenting"),
    "boyfriend": ("consent_language", "relationship"),
    "prostitute": ("consent_language", "choices"),
    "streetwise": ("consent_language", "choices"),
    "lifestyle": ("consent_language", "choices"),
    "promiscuous": ("consent_language", "choices"),
    "intercourse": ("sexual", "penetration"),
    "penetration": ("sexual", "penetration"),
    "penetrated": ("sexual", "penetration"),
    "sexually": ("sexual", "contact"),
    "intoxicated": ("intoxication", "intoxicated"),
    "absconded": ("missing", "missing"),
    "assaulted": ("offence", "assault"),
    "arrested": ("arrest", "arrest"),
    "disclosed": ("disclosure", "disclosed"),
    "takeaway": ("setting", "takeaway"),
    "exploitation": ("cse_term", "cse"),
    "exploited": ("cse_term", "cse"),
    "grooming": ("cse_term", "cse"),
    "cannabis": ("exchange", "drugs"),
    "alcohol": ("exchange", "alcohol"),
    "vehicle": ("setting", "vehicle"),
}

# Real words one edit away from a key word that must not be read as it.
FUZZY_STOP = frozenset(
    {
        "consented",
        "consents",
        "consentin",
        "disclose",
        "discloses",
        "arrester",
        "arrestee",
        "vehicles",
        "sexuality",
        "assaulter",
        "assaults",
        "alcohols",
        "groomings",
        "exploiter",
        "exploiters",
        "exploitative",
    }
)

# Consent that is not about sexual activity: "consent to search", "consented to a photograph".
CONSENT_NOT_SEXUAL = (
    r"\s+(?:given\s+)?(?:to|for)\s+(?:a\s+|the\s+|being\s+|her\s+|his\s+|their\s+|police\s+)?"
    r"(?:search\w*|photo\w*|medical\w*|exam\w*|forensic\w*|interview\w*|shar\w*|referr\w*|"
    r"info\w*|record\w*|statement|swabs?|samples?|treatment|be\s+\w+|fingerprint\w*|"
    r"dna|download\w*|access\w*|contact\s+(?:school|social|parents?)|police|"
    r"officers?|disclos\w*|the\s+phone|phone|video\w*|abe)"
)

# After a CAWN is named: words in the same clause that say it was not served
# ("CAWN considered but not served", "advised re CAWN but not issued").
CAWN_NOT_SERVED = (
    r"\b(?:not|n't|no|never|nil|considered|discussed|to\s+be|will\s+be|would\s+be|"
    r"could\s+be|refused|declined|unable|inappropriate|appropriate|pending|requested|"
    r"await\w*|if)\b"
)
# ... and words before it in the clause ("advised re CAWN", "CAWN considered").
CAWN_NOT_BEFORE = (
    r"\b(?:consider\w*|discuss\w*|advised\s+re|advice\s+re|no|not|possible|request\w*)\b"
)

# Real words that are not misspellings of a vocabulary word one letter away.
KNOWN_WORDS = frozenset(
    """kissing hissing pissing messing mission missed misses listing lasting casting
    heating seating eating meeting beating setting letting getting sitting fitting hitting
    waiting wanting writing driving diving giving living moving loving having leaving
    staying playing saying paying stated states started located related treated trained
    tracked trailer dating rating hating mating rested tested rusted busted arrested
    arrester assisted insisted resisted persisted consisted contested protested
    fighting lighting sighting righting nights lights rights sights flights slight
    bright fright wright frisked risked asked tasked masked
    another mother brother bother other either others
    parked marked barked harked worked walked talked
    summer sooner sinner winner dinner manner banner
    trouble travel gravel rather thread insured called calls handled forces fought sought
    touches stuck grouped showed rushed pushes bitter flashed killing filling billing
    milling tilling wasted amused abuses changed detailed retained kicked licked ticked
    packed picket stayed played prayed slayed frayed
    served issued notice choice choosing present presence touched fight fighting
    relationship boyfriend girlfriend disclosed policy denies denied threw thrown
    content contents contest contact contacts consult consultant constant console""".split()
)
