#!/usr/bin/env python3
"""Rebuilds the BDPM extract of the clinical NLP: the marketed spécialités whose product name starts with one of
NAMES (common emergency-department and general-practice drugs, brands and substances), and their compositions.

usage: python3 make-subset.py ../shared/data/bdpm   (writes bdpm-specialites-subset.csv, bdpm-compositions-subset.csv)
"""
import csv
import os
import sys
import unicodedata

NAMES = """DOLIPRANE EFFERALGAN DAFALGAN PARACETAMOL PARACÉTAMOL IBUPROFENE IBUPROFÈNE ADVIL NUROFEN SPEDIFEN KETOPROFENE
KÉTOPROFÈNE PROFENID TRAMADOL TOPALGIC IXPRIM CONTRAMAL ACUPAN NEFOPAM MORPHINE ACTISKENAN SKENAN OXYNORM
SPASFON PHLOROGLUCINOL AMOXICILLINE CLAMOXYL AUGMENTIN CEFTRIAXONE ROCEPHINE CEFPODOXIME ORELOX AZITHROMYCINE ZITHROMAX
CLARITHROMYCINE LEVOFLOXACINE OFLOXACINE CIPROFLOXACINE FOSFOMYCINE MONURIL PRISTINAMYCINE PYOSTACINE METRONIDAZOLE
FLAGYL VENTOLINE SALBUTAMOL ATROVENT BRICANYL SERETIDE SYMBICORT PREDNISOLONE SOLUPRED PREDNISONE CORTANCYL
METHYLPREDNISOLONE SOLUMEDROL MEDROL FUROSEMIDE LASILIX KARDEGIC ASPIRINE CLOPIDOGREL PLAVIX ELIQUIS APIXABAN
XARELTO RIVAROXABAN LOVENOX ENOXAPARINE PREVISCAN COUMADINE WARFARINE AMLODIPINE AMLOR RAMIPRIL TRIATEC BISOPROLOL
CARDENSIEL DETENSIEL METFORMINE GLUCOPHAGE STAGID INSULINE LANTUS NOVORAPID HUMALOG ATORVASTATINE TAHOR
OMEPRAZOLE MOPRAL ESOMEPRAZOLE INEXIUM PANTOPRAZOLE EUPANTOL INIPOMP LANSOPRAZOLE METOCLOPRAMIDE PRIMPERAN
DOMPERIDONE MOTILIUM ONDANSETRON ZOPHREN SMECTA DIOSMECTITE TIORFAN RACECADOTRIL MACROGOL FORLAX MOVICOL
LEVOTHYROX LORAZEPAM TEMESTA ALPRAZOLAM XANAX OXAZEPAM SERESTA DIAZEPAM VALIUM ZOLPIDEM STILNOX HYDROXYZINE ATARAX
CETIRIZINE DESLORATADINE AERIUS AMIODARONE CORDARONE DIGOXINE SPIRONOLACTONE ALDACTONE
""".split()

src = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))
keep = set()
with open(os.path.join(src, "bdpm_specialites_2024.csv"), encoding="utf-8") as f, open(
    os.path.join(here, "bdpm-specialites-subset.csv"), "w", encoding="utf-8", newline=""
) as o:
    r = csv.DictReader(f)
    w = csv.DictWriter(o, fieldnames=r.fieldnames, lineterminator="\n")
    w.writeheader()
    for row in r:
        first = row["denomination"].split()[0].rstrip(",").upper()
        first = "".join(c for c in unicodedata.normalize("NFD", first) if unicodedata.category(c) != "Mn")
        if first in NAMES and row["etat_commercialisation"].startswith("Commercialis"):
            keep.add(row["cis"])
            w.writerow(row)
with open(os.path.join(src, "bdpm_compositions_2017.csv"), encoding="utf-8") as f, open(
    os.path.join(here, "bdpm-compositions-subset.csv"), "w", encoding="utf-8", newline=""
) as o:
    r = csv.DictReader(f)
    w = csv.DictWriter(o, fieldnames=r.fieldnames, lineterminator="\n")
    w.writeheader()
    for row in r:
        if row["cis"] in keep:
            w.writerow(row)
