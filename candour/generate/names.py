"""Name, place and vehicle banks for the synthetic inquiry.

Every name is composed at random from common forename and surname lists; no
real person is described. Forenames carry the variants real records hold
(nicknames, short forms, alternative spellings).
"""

from __future__ import annotations

import random

# forename: variants seen on other records of the same person
FEMALE: dict[str, tuple[str, ...]] = {
    "Katherine": ("Kate", "Katie", "Kathryn", "Kat", "Catherine"),
    "Kate": ("Katie", "Katherine", "Kat"),
    "Rebecca": ("Becky", "Becca", "Rebekah"),
    "Elizabeth": ("Liz", "Beth", "Lizzie", "Betty"),
    "Jessica": ("Jess", "Jessie", "Jesica"),
    "Samantha": ("Sam", "Sammy", "Samatha"),
    "Victoria": ("Vicky", "Vikki", "Tori"),
    "Jennifer": ("Jenny", "Jen", "Jenifer"),
    "Charlotte": ("Charlie", "Lottie", "Charlott"),
    "Natalie": ("Nat", "Nathalie", "Natalee"),
    "Stephanie": ("Steph", "Stef", "Stephany"),
    "Danielle": ("Dani", "Daniella", "Danni"),
    "Nicole": ("Nicky", "Nikki", "Nichole"),
    "Amy": ("Aimee", "Amie"),
    "Chloe": ("Cloe", "Chloé"),
    "Leanne": ("Lee-Anne", "Lianne", "Leann"),
    "Kayleigh": ("Kayley", "Kaylee", "Kaleigh"),
    "Shannon": ("Shan", "Shanon"),
    "Courtney": ("Court", "Cortney"),
    "Jade": ("Jayde", "Jaid"),
    "Megan": ("Meg", "Meghan", "Megs"),
    "Lauren": ("Loz", "Lauran", "Laurne"),
    "Emma": ("Em", "Ema", "Emmie"),
    "Sophie": ("Soph", "Sophia", "Sofie"),
    "Hannah": ("Hanna", "Han"),
    "Ellie": ("Eleanor", "Elle", "Elly"),
    "Molly": ("Mollie", "Mol"),
    "Abigail": ("Abbie", "Abby", "Abi"),
    "Bethany": ("Beth", "Bethanie"),
    "Georgia": ("Georgie", "George"),
    "Paige": ("Page", "Paig"),
    "Kirsty": ("Kirstie", "Kersty"),
    "Gemma": ("Jemma", "Gem"),
    "Michelle": ("Shelley", "Michele", "Shell"),
    "Tracey": ("Tracy", "Trace"),
    "Sharon": ("Shaz", "Sharron"),
    "Donna": ("Don", "Dona"),
    "Karen": ("Kaz", "Karan"),
    "Joanne": ("Jo", "Joanna", "Jo-Anne"),
    "Susan": ("Sue", "Suzanne", "Susie"),
    "Margaret": ("Maggie", "Peggy", "Margret"),
    "Aisha": ("Ayesha", "Aysha", "Aishah"),
    "Fatima": ("Fatimah", "Fatema"),
    "Amina": ("Aminah", "Ameena"),
    "Zainab": ("Zaynab", "Zainib"),
    "Samira": ("Sameera", "Samirah"),
    "Nadia": ("Nadiya", "Nadja"),
    "Yasmin": ("Yasmine", "Jasmin", "Yasmeen"),
    "Sadia": ("Saadia", "Sadiya"),
    "Priya": ("Pria", "Priyah"),
    "Anjali": ("Anjalee", "Anj"),
    "Precious": ("Preshus",),
    "Blessing": ("Bless",),
    "Agnieszka": ("Aga", "Agnes", "Agnieska"),
    "Oliwia": ("Olivia", "Oliwja"),
    "Zuzanna": ("Zuza", "Susanna"),
    "Ioana": ("Joana", "Ioanna"),
    "Olivia": ("Liv", "Livvy", "Olivea"),
    "Amelia": ("Millie", "Amy", "Amelie"),
    "Isabella": ("Bella", "Izzy", "Isabela"),
    "Grace": ("Gracie",),
    "Lily": ("Lilly", "Lillie"),
    "Ruby": ("Rubie",),
    "Poppy": ("Poppie",),
    "Evie": ("Eve", "Evelyn"),
    "Demi": ("Demi-Leigh", "Demmi"),
    "Tia": ("Tiah", "Teah"),
    "Skye": ("Sky",),
    "Kelsey": ("Kelsie", "Kels"),
    "Chantelle": ("Chantel", "Shantelle"),
    "Jodie": ("Jody", "Jodi"),
    "Stacey": ("Stacy", "Staci"),
    "Lucy": ("Lucie", "Lu"),
    "Zoe": ("Zoë", "Zoey"),
    "Holly": ("Hollie",),
    "Rachel": ("Rach", "Rachael"),
    "Laura": ("Lara", "Lauren"),
    "Sarah": ("Sara", "Sal"),
    "Claire": ("Clare", "Clair"),
    "Louise": ("Lou", "Louisa"),
    "Natasha": ("Tasha", "Tash", "Natascha"),
    "Alexandra": ("Alex", "Lexi", "Sandra"),
}

MALE: dict[str, tuple[str, ...]] = {
    "Mohammed": ("Mohammad", "Muhammad", "Mo", "Mohamed", "Mohd"),
    "Muhammad": ("Mohammed", "Mohamad", "Mo"),
    "Mohammad": ("Mohammed", "Mohd", "Mo"),
    "Ahmed": ("Ahmad", "Ahmet"),
    "Ali": ("Aly",),
    "Imran": ("Imram", "Imi"),
    "Tariq": ("Tarik", "Tareq"),
    "Zahid": ("Zaheed", "Zah"),
    "Shahid": ("Shaheed", "Shah"),
    "Khalid": ("Khaled", "Kal"),
    "Omar": ("Umar", "Omer"),
    "Hassan": ("Hasan", "Has"),
    "Bilal": ("Billal", "Bil"),
    "Asif": ("Asiff", "Aasif"),
    "Adil": ("Adeel", "Aadil"),
    "Rizwan": ("Rizwaan", "Riz"),
    "Kamran": ("Kamron", "Kam"),
    "Sajid": ("Sajjad", "Saj"),
    "Arjun": ("Arjan",),
    "Rajesh": ("Raj", "Rajish"),
    "Mehmet": ("Mehmed", "Memo"),
    "Ibrahim": ("Ebrahim", "Ibby"),
    "Kwame": ("Kwami",),
    "Tomasz": ("Tomek", "Thomas", "Tomas"),
    "Piotr": ("Peter", "Petr"),
    "Andrei": ("Andrey", "Andrew"),
    "Florin": ("Florian",),
    "Darius": ("Dariusz",),
    "Michael": ("Mike", "Mick", "Micheal", "Mikey"),
    "Christopher": ("Chris", "Kristopher", "Christoper"),
    "Matthew": ("Matt", "Mathew", "Matty"),
    "Daniel": ("Dan", "Danny", "Danial"),
    "David": ("Dave", "Davey", "Davy"),
    "James": ("Jim", "Jimmy", "Jamie"),
    "Robert": ("Rob", "Bob", "Robbie", "Bobby"),
    "William": ("Will", "Bill", "Billy", "Liam"),
    "Thomas": ("Tom", "Tommy", "Thom"),
    "Joseph": ("Joe", "Joey", "Josef"),
    "Anthony": ("Tony", "Antony", "Ant"),
    "Andrew": ("Andy", "Drew", "Andrw"),
    "Richard": ("Rich", "Rick", "Dick", "Richie"),
    "Jonathan": ("Jon", "Johnny", "Jonathon"),
    "Nicholas": ("Nick", "Nicky", "Nicolas"),
    "Stephen": ("Steve", "Steven", "Stevie"),
    "Steven": ("Stephen", "Steve"),
    "Lee": ("Leigh",),
    "Craig": ("Graig",),
    "Dean": ("Deano",),
    "Wayne": ("Wayn",),
    "Gary": ("Garry", "Gaz"),
    "Paul": ("Pauly",),
    "Mark": ("Marc",),
    "Darren": ("Daz", "Darran"),
    "Jason": ("Jase", "Jayson"),
    "Kieran": ("Kieron", "Ciaran", "Kiran"),
    "Connor": ("Conor", "Con"),
    "Callum": ("Calum", "Cal"),
    "Jordan": ("Jordon", "Jord"),
    "Liam": ("Leam", "Lliam"),
    "Ryan": ("Rian", "Ry"),
    "Jack": ("Jak", "Jackie"),
    "Harry": ("Harrison", "Haz"),
    "Charlie": ("Charles", "Chaz"),
    "Oliver": ("Ollie", "Olly"),
    "Alfie": ("Alfred", "Alf"),
    "Tyler": ("Tylor", "Ty"),
    "Reece": ("Rhys", "Reese"),
    "Brandon": ("Bran", "Brendon"),
    "Kyle": ("Kyel",),
    "Ashley": ("Ash", "Ashleigh"),
    "Shane": ("Shayne",),
    "Scott": ("Scotty",),
    "Jamal": ("Jamaal",),
    "Tyrone": ("Ty", "Tyron"),
    "Samuel": ("Sam", "Sammy"),
    "Benjamin": ("Ben", "Benny"),
    "Joshua": ("Josh", "Joshuah"),
    "Nathan": ("Nath", "Nate"),
    "Luke": ("Luc",),
    "Adam": ("Ad",),
    "Peter": ("Pete", "Piotr"),
    "Martin": ("Marty",),
    "Kevin": ("Kev",),
    "Ian": ("Iain",),
    "Neil": ("Neal",),
    "Carl": ("Karl",),
}

SURNAMES: tuple[str, ...] = (
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
    "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green",
    "Hall", "Wood", "Jackson", "Clarke", "Patel", "Khan", "Hussain", "Ali", "Ahmed",
    "Begum", "Shah", "Iqbal", "Akhtar", "Mahmood", "Rashid", "Malik", "Butt", "Choudhury",
    "Singh", "Kaur", "Sharma", "Mistry", "Lewis", "Harris", "Martin", "Cooper", "King",
    "Lee", "Baker", "Harrison", "Morgan", "Allen", "Young", "Hill", "Scott", "Moore",
    "Clark", "Turner", "Mitchell", "Hughes", "Edwards", "Ward", "Parker", "Carter",
    "Phillips", "Watson", "Shaw", "Morris", "Bennett", "Cook", "Bailey", "Richardson",
    "Cox", "Howard", "Marshall", "Collins", "Price", "Barker", "Murphy", "Kelly",
    "O'Brien", "O'Neill", "McDonald", "Murray", "Graham", "Stewart", "Reid", "Hamilton",
    "Kowalski", "Nowak", "Wisniewski", "Popescu", "Ionescu", "Yilmaz", "Demir", "Okafor",
    "Mensah", "Osei", "Adeyemi", "Campbell", "Francis", "Grant", "Brooks", "Gordon",
    "Fletcher", "Holmes", "Atkinson", "Dixon", "Lloyd", "Jenkins", "Hunt", "Mills",
    "Webb", "Simpson", "Stevens", "Ellis", "Chapman", "Pearson", "Kaya", "Rahman",
    "Uddin", "Miah", "Sultan", "Aziz", "Farooq", "Nawaz", "Saleem", "Anwar", "Bibi",
    "Hargreaves", "Sutcliffe", "Pickering", "Ackroyd", "Barraclough", "Greenwood",
    "Haigh", "Priestley", "Holroyd", "Brearley", "Tattersall", "Whitworth", "Ormerod",
    "Rowbotham", "Fairclough", "Duckworth", "Heywood", "Kershaw", "Lockwood", "Crossley",
)  # fmt: skip

NICKNAMES_STREET: tuple[str, ...] = (
    "Taz", "Bubbles", "Saj", "Kash", "Boss", "Mo", "Chips", "Jay", "Smiler", "Tiny",
    "Ace", "Shorty", "Zee", "Kaz", "Dizzy", "Rocky", "Bash", "Spider", "Yogi", "Prince",
)  # fmt: skip

# force names: prefix + kind; places per force are composed from syllables
FORCE_AREAS: tuple[str, ...] = (
    "Northvale", "Eastmoor", "Westmarch", "Southdale", "Carrowshire", "Hallamby",
    "Brackendale", "Thornbury", "Ashford Vale", "Kelmscote", "Rivermouth", "Harwick",
    "Penrith Downs", "Marlowshire", "Coldwater", "Stanmore Fells", "Wyecliffe",
    "Bramhope", "Oakhampton", "Fenmarsh", "Greyhaven", "Dunmere", "Langdale",
    "Ravensmoor", "Highcombe", "Sedgefield Vale", "Calder Reach", "Millbeck",
    "Tamworthy", "Lowther", "Eskdale Marches", "Pennington", "Rosebridge",
    "Blackwater", "Whitcombe", "Felling", "Hartsmere", "Kingsmead", "Ormskirk Vale",
    "Seacombe", "Tyneholm", "Wrexford", "Ambleside Marches",
)  # fmt: skip

TOWN_A = (
    "Ash", "Brad", "Castle", "Dun", "Elm", "Fair", "Glen", "Hol", "Kirk", "Lang",
    "Mill", "New", "Oak", "Rother", "Shep", "Thorn", "Wal", "Wick", "Barn", "Clay",
)  # fmt: skip
TOWN_B = (
    "ley", "field", "ton", "bridge", "ford", "by", "wood", "ham", "stead", "worth",
    "dale", "moor", "thorpe", "well", "bury", "holme",
)  # fmt: skip
STREET_A = (
    "Church", "Station", "Victoria", "Albert", "Park", "Mill", "Queen", "King", "High",
    "Manor", "Meadow", "Chapel", "Grange", "Green", "Hollin", "Spring", "Beech", "Elm",
    "Willow", "Cross", "Bank", "Moor", "Well", "Clifton", "Wharf", "Canal", "Princess",
    "Nelson", "Raven", "Balmoral", "Cemetery", "Nursery", "Sandy", "Stone", "Coronation",
)  # fmt: skip
STREET_B = (
    "Street", "Road", "Lane", "Avenue", "Close", "Way", "Terrace", "Drive", "Court",
    "Crescent", "Grove", "Place", "Walk", "Gardens", "Row",
)  # fmt: skip
STREET_ABBR = {
    "Street": "St",
    "Road": "Rd",
    "Lane": "Ln",
    "Avenue": "Ave",
    "Close": "Cl",
    "Drive": "Dr",
    "Terrace": "Terr",
    "Crescent": "Cres",
    "Court": "Ct",
    "Place": "Pl",
    "Gardens": "Gdns",
}

TAKEAWAYS = (
    "Kebab House", "Pizza Express Takeaway", "Golden Fry", "Spice Hut", "Chicken Cottage",
    "Perfect Fried Chicken", "Tasty Grill", "Star Kebabs", "Village Balti", "Dixy Grill",
    "Royal Tandoori", "Best Pizza", "Chick King", "Flame Grill", "Capital Kebab",
)  # fmt: skip
HOTELS = (
    "Travel Lodge", "Premier Inn", "Station Hotel", "Kings Arms Hotel", "Park View Hotel",
    "Riverside Guest House", "Crown Hotel", "Airport Inn", "Central Hotel", "Grand Hotel",
)  # fmt: skip
CAR_MAKES = (
    ("Vauxhall", "Corsa"), ("Vauxhall", "Astra"), ("Ford", "Focus"), ("Ford", "Fiesta"),
    ("VW", "Golf"), ("VW", "Passat"), ("Toyota", "Prius"), ("BMW", "3 Series"),
    ("Audi", "A3"), ("Mercedes", "C Class"), ("Skoda", "Octavia"), ("Peugeot", "206"),
    ("Honda", "Civic"), ("Nissan", "Micra"), ("Renault", "Clio"), ("Seat", "Leon"),
)  # fmt: skip
COLOURS = ("silver", "black", "white", "blue", "red", "grey", "dark blue", "green", "maroon")
ETHNICITY_POLICE = (
    "W1", "W1", "W1", "W1", "W1", "W1", "W2", "W9", "A1", "A2", "A2", "A3", "A9",
    "B1", "B2", "B9", "M1", "M2", "M9", "O1", "O9", "NS", "",
)  # fmt: skip
ETHNICITY_LABEL = (
    "White British", "White British", "White British", "White British", "White British",
    "White - British", "White Other", "White Irish", "Pakistani", "Asian - Pakistani",
    "Indian", "Bangladeshi", "Black Caribbean", "Black African", "Mixed White/Black Caribbean",
    "Mixed", "Any other ethnic group", "Not stated", "Not Known", "", "",
)  # fmt: skip
IC_CODES = ("IC1", "IC1", "IC1", "IC1", "IC2", "IC3", "IC4", "IC4", "IC5", "IC6")


def town(rng: random.Random) -> str:
    return rng.choice(TOWN_A) + rng.choice(TOWN_B)


def street(rng: random.Random) -> str:
    return f"{rng.choice(STREET_A)} {rng.choice(STREET_B)}"


_VRM_LETTERS = "ABCDEFGHJKLMNOPRSTUVWXY"


def vrm(rng: random.Random) -> str:
    """A current-format UK registration mark (two letters, two digits, three letters)."""
    a, b, c, d, e = rng.choices(_VRM_LETTERS, k=5)
    return f"{a}{b}{2 + int(rng.random() * 18):02d} {c}{d}{e}"


def postcode(rng: random.Random, area: str) -> str:
    """A postcode-shaped string within a force's two-letter postcode area."""
    return f"{area}{rng.randint(1, 29)} {rng.randint(0, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"


def phone(rng: random.Random) -> str:
    return f"07{rng.randint(300, 999)} {rng.randint(100000, 999999)}"
