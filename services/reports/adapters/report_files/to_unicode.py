"""A fix for reportlab's ToUnicode maps (seen in 4.5.1): it writes each subset character's code
point as bare hex, so a character beyond the BMP (𠮷 is U+20BB7) becomes the invalid <20BB7> and
text extraction, search and copy-paste lose it. The PDF reference wants UTF-16BE there: a
surrogate pair, <D842DFB7>. Installed once, before any PDF is built."""
import re

from reportlab.pdfbase import ttfonts

_BEYOND_BMP = re.compile(r"^(<[0-9A-F]{2,}>) <([0-9A-F]{5,6})>$", re.MULTILINE)
_reportlabs_own = ttfonts.makeToUnicodeCMap


def _utf16(match: re.Match) -> str:
    return f"{match[1]} <{chr(int(match[2], 16)).encode('utf-16-be').hex().upper()}>"


def _to_unicode_cmap(fontname, subset) -> str:
    return _BEYOND_BMP.sub(_utf16, _reportlabs_own(fontname, subset))


def install() -> None:
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
