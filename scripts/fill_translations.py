"""Fill fi and sv msgstr from a translation table: python scripts/fill_translations.py TABLE.py

TABLE.py defines T = {msgid: (fi, sv)}; plural entries use (fi_singular, fi_plural, sv_singular,
sv_plural). Entries already translated are left alone unless --force is given.
"""

import runpy
import sys
from pathlib import Path

import polib

root = Path(__file__).resolve().parent.parent / "locale"
table = runpy.run_path(sys.argv[1])["T"]
force = "--force" in sys.argv
for index, lang in enumerate(("fi", "sv")):
    path = root / lang / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(path), wrapwidth=0)
    for entry in po:
        if entry.msgid not in table or (entry.translated() and not force):
            continue
        value = table[entry.msgid]
        if entry.msgid_plural:
            entry.msgstr_plural = {0: value[index * 2], 1: value[index * 2 + 1]}
        else:
            entry.msgstr = value[index]
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save(str(path))
    missing = [e.msgid for e in po if not e.translated() and not e.obsolete]
    print(f"{lang}: {len(missing)} untranslated")
