#!/usr/bin/env python3
"""Rebuilds cim10-subset.csv: the CIM-10 FR rows of the codes used by cim10-synonyms.tsv, from the full list.

usage: python3 make-subset.py ../shared/data/cim10-fr/cim10_fr_2025_pmsi.csv > cim10-subset.csv
U07.1 carries a placeholder label in that list (see its SOURCE.txt): replaced by the WHO/ATIH COVID-19 label.
"""
import csv
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
codes = set()
with open(os.path.join(here, "cim10-synonyms.tsv"), encoding="utf-8") as f:
    for line in f:
        if line.strip() and not line.startswith("#"):
            codes.add(line.split("\t")[0])
out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["code", "code_atih", "libelle", "niveau"])
with open(sys.argv[1], encoding="utf-8") as f:
    for row in csv.DictReader(f):
        if row["code"] in codes:
            label = row["libelle"]
            if row["code"] == "U07.1":
                label = "COVID-19, virus identifié"
            out.writerow([row["code"], row["code_atih"], label, row["niveau"]])
