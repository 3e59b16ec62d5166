#!/usr/bin/env python3
"""Builds the CIM-10 FR fragment CodeSystem and the CIM-10 based ValueSets of the Vigie terminology module.

Input : the CIM-10 FR 2025 code list (CSV: code, code_atih, libelle, niveau), by default
        ../shared/data/cim10-fr/cim10_fr_2025_pmsi.csv, the shared data folder beside the repository (see its SOURCE.txt for provenance and licence).
Output: src/main/resources/terminology/CodeSystem/cim10-fr.json
        src/main/resources/terminology/ValueSet/{cim10-fr,respiratory-admission,copd,asthma}.json

The fragment keeps chapter X (J00-J99) whole, plus the few categories registries need (I21, I46, I63, I64,
P07, R57, S06, T07) with their subcodes, under their chapter and block. Chapter and block codes are ranges
("J00-J99", "J40-J47"), flagged notSelectable. Run from the terminology/ folder:

    python3 scripts/build_cim10_fragment.py [path/to/cim10_fr_2025_pmsi.csv]

then run the module tests (TerminologyFilesTest). The script is deterministic: same input, same output.
"""

import os
import csv
import json
import sys
from pathlib import Path

BASE = "https://vigie.example.org/fhir"
VERSION = "1.0.0"
DATE = "2026-11-22"
CS_URL = f"{BASE}/CodeSystem/cim10-fr"
OUT = Path("src/main/resources/terminology")
# The shared data folder sits beside the repository checkout: <repo>/../shared/data.
DEFAULT_CSV = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "data", "cim10-fr", "cim10_fr_2025_pmsi.csv"
)

# Extra categories (outside chapter X) that the registry and admission feeds need.
EXTRA_CATEGORIES = ["I21", "I46", "I63", "I64", "P07", "R57", "S06", "T07"]

# (range, roman numeral, French title) - CIM-10 FR chapter titles.
CHAPTERS = {
    "I00-I99": ("IX", "Maladies de l'appareil circulatoire"),
    "J00-J99": ("X", "Maladies de l'appareil respiratoire"),
    "P00-P96": ("XVI", "Certaines affections dont l'origine se situe dans la période périnatale"),
    "R00-R99": (
        "XVIII",
        "Symptômes, signes et résultats anormaux d'examens cliniques et de laboratoire, non classés ailleurs",
    ),
    "S00-T98": (
        "XIX",
        "Lésions traumatiques, empoisonnements et certaines autres conséquences de causes externes",
    ),
}

# block range -> (chapter range, French title). Chapter X blocks are complete; elsewhere only the blocks used.
BLOCKS = {
    "J00-J06": ("J00-J99", "Affections aiguës des voies respiratoires supérieures"),
    "J09-J18": ("J00-J99", "Grippe et pneumopathie"),
    "J20-J22": ("J00-J99", "Autres affections aiguës des voies respiratoires inférieures"),
    "J30-J39": ("J00-J99", "Autres maladies des voies respiratoires supérieures"),
    "J40-J47": ("J00-J99", "Maladies chroniques des voies respiratoires inférieures"),
    "J60-J70": ("J00-J99", "Maladies du poumon dues à des agents externes"),
    "J80-J84": ("J00-J99", "Autres maladies respiratoires touchant principalement le tissu interstitiel"),
    "J85-J86": ("J00-J99", "Affections suppurées et nécrotiques des voies respiratoires inférieures"),
    "J90-J94": ("J00-J99", "Autres affections de la plèvre"),
    "J95-J99": ("J00-J99", "Autres maladies de l'appareil respiratoire"),
    "I20-I25": ("I00-I99", "Cardiopathies ischémiques"),
    "I30-I52": ("I00-I99", "Autres formes de cardiopathies"),
    "I60-I69": ("I00-I99", "Maladies cérébrovasculaires"),
    "P05-P08": ("P00-P96", "Anomalies liées à la durée de la gestation et à la croissance du fœtus"),
    "R50-R69": ("R00-R99", "Symptômes et signes généraux"),
    "S00-S09": ("S00-T98", "Lésions traumatiques de la tête"),
    "T00-T07": ("S00-T98", "Lésions traumatiques de plusieurs parties du corps"),
}

COMMON = {
    "version": VERSION,
    "status": "active",
    "experimental": False,
    "date": DATE,
    "publisher": "Vigie",
    "jurisdiction": [{"coding": [{"system": "urn:iso:std:iso:3166", "code": "FR"}]}],
}

CAVEAT_FR = (
    "Libellés tirés d'une liste dérivée de la CIM-10 FR à usage PMSI 2025 (ATIH), sans licence explicite : "
    "acceptable pour le développement et les tests ; pour une diffusion en production, charger le fichier "
    "officiel de l'ATIH (LIBCIM10MULTI.TXT)."
)
CAVEAT_EN = (
    "Labels come from a list derived from the ATIH CIM-10 FR 2025 PMSI edition, with no stated licence: fine "
    "for development and tests; for a production release load the official ATIH file (LIBCIM10MULTI.TXT)."
)


def in_range(category, block):
    lo, hi = block.split("-")
    return lo <= category <= hi


def block_of(category):
    for block in BLOCKS:
        if in_range(category, block):
            return block
    raise ValueError(f"no block for {category}")


def read_rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def select(rows):
    """Rows kept in the fragment: chapter X and the extra categories, with all their subcodes."""
    kept = []
    for row in rows:
        category = row["code"][:3]
        if category.startswith("J") or category in EXTRA_CATEGORIES:
            kept.append(row)
    return kept


def concept(code, display, kind, not_selectable=False):
    c = {"code": code, "display": display}
    props = [{"code": "kind", "valueCode": kind}]
    if not_selectable:
        props.append({"code": "notSelectable", "valueBoolean": True})
    c["property"] = props
    return c


def build_tree(rows):
    chapters = {}
    blocks = {}
    for chapter, (roman, title) in CHAPTERS.items():
        chapters[chapter] = concept(chapter, title, "chapter", True)
        chapters[chapter]["definition"] = f"Chapitre {roman} de la CIM-10 ({chapter})."
    for block, (chapter, title) in BLOCKS.items():
        blocks[block] = concept(block, title, "block", True)
        blocks[block]["definition"] = f"Groupe {block} de la CIM-10."
    by_code = {}
    for row in rows:
        code = row["code"]
        if len(code) == 3:
            kind = "category"
        elif len(code) == 5:
            kind = "subcategory"
        else:
            kind = "extension"  # ATIH national extension, e.g. J96.1+0, J98.60
        by_code[code] = concept(code, row["libelle"], kind)
    used_blocks = set()
    for row in rows:
        code = row["code"]
        node = by_code[code]
        if len(code) == 3:
            block = block_of(code)
            used_blocks.add(block)
            parent = blocks[block]
        elif len(code) == 5:
            parent = by_code[code[:3]]
        else:
            parent = by_code.get(code[:5]) or by_code[code[:3]]
        parent.setdefault("concept", []).append(node)
    used_chapters = set()
    for block in BLOCKS:
        if block in used_blocks or block.startswith("J"):
            chapter = BLOCKS[block][0]
            used_chapters.add(chapter)
            chapters[chapter].setdefault("concept", []).append(blocks[block])
    return [chapters[c] for c in CHAPTERS if c in used_chapters], by_code


def code_system(tree):
    cs = {"resourceType": "CodeSystem", "id": "cim10-fr", "language": "fr", "url": CS_URL}
    cs.update(
        {
            "version": VERSION,
            "name": "Cim10FrFragment",
            "title": "CIM-10 FR 2025 (fragment) / ICD-10 French edition 2025 (fragment)",
        }
    )
    cs.update({k: v for k, v in COMMON.items() if k != "version"})
    cs["description"] = (
        "**FR** Fragment de la CIM-10 FR 2025 à usage PMSI (ATIH) : le chapitre X (J00-J99, maladies de "
        "l'appareil respiratoire) complet, et les catégories utiles aux registres (I21 infarctus, I46 arrêt "
        "cardiaque, I63/I64 AVC, P07 prématurité, R57 choc, S06 traumatisme crânien, T07 polytraumatisme) avec "
        "leurs sous-codes, rangés sous leur chapitre et leur groupe. Codes avec point (J44.1) ; les fichiers PMSI "
        "les écrivent sans point (J441). Un opérateur peut charger la liste complète dans ce même système (même "
        f"URL). {CAVEAT_FR}\n\n"
        "**EN** Fragment of the ATIH CIM-10 FR 2025 (ICD-10 French PMSI edition): chapter X (J00-J99, diseases "
        "of the respiratory system) in full, plus the categories registries need (I21, I46, I63, I64, P07, R57, "
        "S06, T07) with their subcodes, nested under their chapter and block. Codes carry the dot (J44.1); PMSI "
        "files drop it (J441). An operator can load the full list under the same system URL. " + CAVEAT_EN
    )
    cs["copyright"] = (
        "CIM-10 / ICD-10 © OMS/WHO ; édition française adaptée et diffusée gratuitement par l'ATIH. "
        "ICD-10 © WHO; French edition adapted and distributed free of charge by ATIH."
    )
    cs["caseSensitive"] = True
    cs["valueSet"] = f"{BASE}/ValueSet/cim10-fr"
    cs["hierarchyMeaning"] = "is-a"
    cs["content"] = "fragment"
    # no "count": for a fragment it would have to give the size of the whole CIM-10 FR, not of this file
    cs["property"] = [
        {
            "code": "kind",
            "description": "chapter | block | category | subcategory | extension (ATIH 6/7-character code)",
            "type": "code",
        },
        {
            "code": "notSelectable",
            "uri": "http://hl7.org/fhir/concept-properties#notSelectable",
            "description": "Chapters and blocks group codes; they are not used to code a diagnosis.",
            "type": "boolean",
        },
    ]
    cs["concept"] = tree
    return cs


def value_set(vs_id, name, title, description, codes=None):
    vs = {"resourceType": "ValueSet", "id": vs_id, "url": f"{BASE}/ValueSet/{vs_id}"}
    vs.update({"version": VERSION, "name": name, "title": title})
    vs.update({k: v for k, v in COMMON.items() if k != "version"})
    vs["description"] = description
    include = {"system": CS_URL}
    if codes is not None:
        include["concept"] = codes
    vs["compose"] = {"include": [include]}
    return vs


def explicit(by_code, predicate):
    return [
        {"code": code, "display": node["display"]}
        for code, node in by_code.items()
        if predicate(code[:3])
    ]


def write(resource):
    path = OUT / resource["resourceType"] / f"{resource['id']}.json"
    path.write_text(json.dumps(resource, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def main():
    rows = select(read_rows(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_CSV))
    tree, by_code = build_tree(rows)
    write(code_system(tree))
    write(
        value_set(
            "cim10-fr",
            "Cim10FrFragment",
            "CIM-10 FR (fragment) - tous les codes / all codes",
            "**FR** Tous les codes du fragment CIM-10 FR de Vigie (chapitres et groupes compris).\n\n"
            "**EN** Every code of the Vigie CIM-10 FR fragment (chapters and blocks included).",
        )
    )
    write(
        value_set(
            "respiratory-admission",
            "RespiratoryAdmission",
            "Admissions pour motif respiratoire / Respiratory admissions",
            "**FR** Motifs d'hospitalisation respiratoires suivis par la prévision d'admissions : grippe et "
            "pneumopathie (J09-J18) et maladies chroniques des voies respiratoires inférieures (J40-J47), "
            "catégories et sous-codes listés explicitement.\n\n"
            "**EN** Respiratory admission reasons used by the admission forecast: influenza and pneumonia "
            "(J09-J18) and chronic lower respiratory diseases (J40-J47), categories and subcodes listed "
            "explicitly so any $expand implementation handles them.",
            explicit(by_code, lambda c: "J09" <= c <= "J18" or "J40" <= c <= "J47"),
        )
    )
    write(
        value_set(
            "copd",
            "Copd",
            "BPCO / COPD",
            "**FR** Bronchopneumopathie chronique obstructive : J44 et ses sous-codes.\n\n"
            "**EN** Chronic obstructive pulmonary disease: J44 and its subcodes.",
            explicit(by_code, lambda c: c == "J44"),
        )
    )
    write(
        value_set(
            "asthma",
            "Asthma",
            "Asthme / Asthma",
            "**FR** Asthme (J45) et état de mal asthmatique (J46), avec leurs sous-codes.\n\n"
            "**EN** Asthma (J45) and status asthmaticus (J46), with their subcodes.",
            explicit(by_code, lambda c: c in ("J45", "J46")),
        )
    )


if __name__ == "__main__":
    main()
