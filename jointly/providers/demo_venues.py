"""Real-looking addresses for the demo's venues, in the right towns.

The towns and postcode districts are real (each district is one the town's
post is sorted under); the street numbers and the last three characters of
each postcode are made up, so no address is anyone's. A county's venues are
placed by the district (2013 boundaries) of the ward they serve, a unitary's in
one of its towns.
"""

from __future__ import annotations

import hashlib

# Area code (an authority or a county's district) -> its towns, each with its postcode districts.
TOWNS: dict[str, list[tuple[str, list[str]]]] = {
    # Unitary authorities
    "E06000026": [("Plymouth", ["PL1", "PL2", "PL3", "PL4", "PL5", "PL6", "PL7"])],
    "E06000052": [
        ("Truro", ["TR1"]),
        ("Camborne", ["TR14"]),
        ("St Austell", ["PL25"]),
        ("Bodmin", ["PL31"]),
        ("Penzance", ["TR18"]),
        ("Newquay", ["TR7"]),
    ],
    "E06000027": [("Torquay", ["TQ1", "TQ2"]), ("Paignton", ["TQ3", "TQ4"]), ("Brixham", ["TQ5"])],
    "E06000055": [("Bedford", ["MK40", "MK41", "MK42"]), ("Kempston", ["MK42"])],
    "E06000056": [("Dunstable", ["LU5", "LU6"]), ("Leighton Buzzard", ["LU7"]), ("Biggleswade", ["SG18"]), ("Flitwick", ["MK45"])],
    "E06000032": [("Luton", ["LU1", "LU2", "LU3", "LU4"])],
    "E06000031": [("Peterborough", ["PE1", "PE2", "PE3", "PE4"])],
    "E06000033": [("Southend-on-Sea", ["SS1", "SS2"]), ("Westcliff-on-Sea", ["SS0"]), ("Leigh-on-Sea", ["SS9"])],
    "E06000034": [("Grays", ["RM17", "RM20"]), ("Tilbury", ["RM18"]), ("Stanford-le-Hope", ["SS17"])],
    # Counties, where a venue's district is not known: the county town.
    "E10000008": [("Exeter", ["EX1", "EX2", "EX4"])],
    "E10000003": [("Cambridge", ["CB1", "CB2", "CB4"])],
    "E10000012": [("Chelmsford", ["CM1", "CM2"])],
    "E10000015": [("Stevenage", ["SG1", "SG2"])],
    "E10000020": [("Norwich", ["NR1", "NR2", "NR3"])],
    "E10000029": [("Ipswich", ["IP1", "IP2", "IP3", "IP4"])],
    # Devon's districts
    "E07000040": [("Exmouth", ["EX8"]), ("Honiton", ["EX14"])],
    "E07000041": [("Exeter", ["EX1", "EX2", "EX4"])],
    "E07000042": [("Tiverton", ["EX16"]), ("Crediton", ["EX17"])],
    "E07000043": [("Barnstaple", ["EX31", "EX32"])],
    "E07000044": [("Totnes", ["TQ9"]), ("Ivybridge", ["PL21"])],
    "E07000045": [("Newton Abbot", ["TQ12"]), ("Teignmouth", ["TQ14"])],
    "E07000046": [("Bideford", ["EX39"])],
    "E07000047": [("Tavistock", ["PL19"]), ("Okehampton", ["EX20"])],
    # Cambridgeshire's
    "E07000008": [("Cambridge", ["CB1", "CB2", "CB4"])],
    "E07000009": [("Ely", ["CB6", "CB7"])],
    "E07000010": [("Wisbech", ["PE13"]), ("March", ["PE15"])],
    "E07000011": [("Huntingdon", ["PE29"]), ("St Neots", ["PE19"])],
    "E07000012": [("Cambourne", ["CB23"]), ("Sawston", ["CB22"])],
    # Essex's
    "E07000066": [("Basildon", ["SS14", "SS15", "SS16"])],
    "E07000067": [("Braintree", ["CM7"]), ("Witham", ["CM8"])],
    "E07000068": [("Brentwood", ["CM14", "CM15"])],
    "E07000069": [("Canvey Island", ["SS8"]), ("Benfleet", ["SS7"])],
    "E07000070": [("Chelmsford", ["CM1", "CM2"])],
    "E07000071": [("Colchester", ["CO1", "CO2", "CO3", "CO4"])],
    "E07000072": [("Loughton", ["IG10"]), ("Epping", ["CM16"])],
    "E07000073": [("Harlow", ["CM18", "CM19", "CM20"])],
    "E07000074": [("Maldon", ["CM9"])],
    "E07000075": [("Rayleigh", ["SS6"]), ("Rochford", ["SS4"])],
    "E07000076": [("Clacton-on-Sea", ["CO15"]), ("Harwich", ["CO12"])],
    "E07000077": [("Saffron Walden", ["CB10"]), ("Great Dunmow", ["CM6"])],
    # Hertfordshire's
    "E07000095": [("Cheshunt", ["EN8"]), ("Hoddesdon", ["EN11"])],
    "E07000096": [("Hemel Hempstead", ["HP1", "HP2", "HP3"]), ("Berkhamsted", ["HP4"])],
    "E07000098": [("Borehamwood", ["WD6"]), ("Potters Bar", ["EN6"])],
    "E07000099": [("Hitchin", ["SG4", "SG5"]), ("Letchworth Garden City", ["SG6"])],
    "E07000102": [("Rickmansworth", ["WD3"])],
    "E07000103": [("Watford", ["WD17", "WD18", "WD19", "WD24", "WD25"])],
    "E07000240": [("St Albans", ["AL1", "AL3", "AL4"])],
    "E07000241": [("Hatfield", ["AL10"]), ("Welwyn Garden City", ["AL7", "AL8"])],
    "E07000242": [("Hertford", ["SG13", "SG14"]), ("Bishop's Stortford", ["CM23"])],
    "E07000243": [("Stevenage", ["SG1", "SG2"])],
    # Norfolk's
    "E07000143": [("Thetford", ["IP24"]), ("Dereham", ["NR19"])],
    "E07000144": [("Sprowston", ["NR7"]), ("Aylsham", ["NR11"])],
    "E07000145": [("Great Yarmouth", ["NR30", "NR31"])],
    "E07000146": [("King's Lynn", ["PE30"])],
    "E07000147": [("Cromer", ["NR27"]), ("North Walsham", ["NR28"])],
    "E07000148": [("Norwich", ["NR1", "NR2", "NR3"])],
    "E07000149": [("Wymondham", ["NR18"]), ("Diss", ["IP22"])],
    # Suffolk's
    "E07000200": [("Sudbury", ["CO10"]), ("Hadleigh", ["IP7"])],
    "E07000201": [("Newmarket", ["CB8"]), ("Mildenhall", ["IP28"])],
    "E07000202": [("Ipswich", ["IP1", "IP2", "IP3", "IP4"])],
    "E07000203": [("Stowmarket", ["IP14"])],
    "E07000204": [("Bury St Edmunds", ["IP32", "IP33"]), ("Haverhill", ["CB9"])],
    "E07000205": [("Felixstowe", ["IP11"]), ("Woodbridge", ["IP12"])],
    "E07000206": [("Lowestoft", ["NR32", "NR33"]), ("Beccles", ["NR34"])],
}
STREETS = [
    "High Street",
    "Church Road",
    "Station Road",
    "Victoria Road",
    "Park Lane",
    "Queen Street",
    "Market Place",
    "Mill Lane",
    "North Road",
    "King Street",
    "London Road",
    "The Green",
    "Chapel Street",
    "New Road",
    "School Lane",
    "Albert Road",
]
# The letters a postcode's last two characters use (never C, I, K, M, O or V).
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def _number(seed: str) -> int:
    return int(hashlib.sha256(seed.encode()).hexdigest(), 16)


def town_for(codes: list[str], seed: str) -> tuple[str, list[str]] | None:
    """The first of these areas (most local first) that has towns, and one of its towns chosen by `seed`."""
    for code in codes:
        towns = TOWNS.get(code)
        if towns:
            return towns[_number(seed) % len(towns)]
    return None


def address(codes: list[str], seed: str, *, town_seed: str = "") -> dict | None:
    """A made-up street address in a real town and postcode district of the first of `codes` that has towns.

    `town_seed` chooses the town (the ward's code, so every venue in a ward is in the same town); `seed` the rest.
    """
    found = town_for(codes, town_seed or seed)
    if found is None:
        return None
    town, districts = found
    number = _number(seed)
    district = districts[number % len(districts)]
    inward = f"{number % 9 + 1}{INWARD_LETTERS[number // 9 % 20]}{INWARD_LETTERS[number // 180 % 20]}"
    return {"address_1": f"{number // 3600 % 120 + 1} {STREETS[number // 7 % len(STREETS)]}", "city": town, "postcode": f"{district} {inward}"}
