#!/usr/bin/env python3
"""Writes the tiny BRAT corpus (QUAERO CLEF eHealth layout) of the NER trainer and scorer tests. Sentences written and
annotated for Vigie; entity offsets are computed from the quoted words (nth occurrence)."""
docs = {
    "train/MEDLINE/1": ("Traitement de l'insuffisance cardiaque par le furosémide.",
                        [("PROC", "Traitement"), ("DISO", "insuffisance cardiaque"), ("CHEM", "furosémide")]),
    "train/MEDLINE/2": ("Infection urinaire chez la femme enceinte.", [("DISO", "Infection urinaire"), ("LIVB", "femme")]),
    "train/MEDLINE/3": ("Cancer du poumon et tabac.", [("DISO", "Cancer du poumon"), ("ANAT", "poumon"), ("CHEM", "tabac")]),
    "train/EMEA/4": ("Le paracétamol peut provoquer une atteinte du foie.\nConsultez votre médecin en cas de fièvre.",
                     [("CHEM", "paracétamol"), ("DISO", "atteinte du foie"), ("ANAT", "foie"), ("LIVB", "médecin"),
                      ("DISO", "fièvre")]),
    "test/MEDLINE/5": ("Traitement de l'insuffisance cardiaque chez la femme.",
                       [("PROC", "Traitement"), ("DISO", "insuffisance cardiaque"), ("LIVB", "femme")]),
    "test/EMEA/6": ("Le furosémide peut provoquer une fièvre.", [("CHEM", "furosémide"), ("DISO", "fièvre")]),
}
for name, (text, ents) in docs.items():
    with open(name + ".txt", "w", encoding="utf-8") as f:
        f.write(text)
    with open(name + ".ann", "w", encoding="utf-8") as f:
        for i, (t, words) in enumerate(ents, 1):
            b = text.index(words)
            f.write(f"T{i}\t{t} {b} {b + len(words)}\t{words}\n#{i}\tAnnotatorNotes T{i}\tC0000000\n")
