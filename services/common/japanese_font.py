"""Where the Japanese fonts for PDFs and charts are.

The main font is IPAex Gothic, a TrueType font reportlab can embed (CFF-based OpenType such as
Noto CJK .otf cannot be embedded by reportlab). It ships inside the JapaneseMatplotlib wheel, a
project dependency, so every machine that installs the project has it; KYODO_JAPANESE_FONT points
at another TrueType file.

IPAex lacks some characters people write in names (𠮷 of 𠮷野家, JIS X 0213 and beyond). Those are
drawn in IPAmj Mincho (Debian's fonts-ipamj-mincho, about 58,000 characters, also TrueType), which
KYODO_JAPANESE_FALLBACK_FONT may point elsewhere; without it they print as 〓.
"""
import os
from importlib import resources
from pathlib import Path

FONT_NAME = "IPAexGothic"
FALLBACK_FONT_NAME = "IPAmjMincho"
DEBIAN_FALLBACK_FONT = Path("/usr/share/fonts/truetype/ipamj/ipamjm.ttf")


def japanese_font_path() -> Path:
    configured = os.environ.get("KYODO_JAPANESE_FONT")
    path = Path(configured) if configured else Path(
        str(resources.files("JapaneseMatplotlib") / "fonts" / "ipaexg.ttf"))
    if not path.is_file():
        raise FileNotFoundError(f"Japanese font not found at {path} (set KYODO_JAPANESE_FONT)")
    return path


def fallback_font_path() -> Path | None:
    """The font for characters the main one lacks, or None when it is not installed."""
    configured = os.environ.get("KYODO_JAPANESE_FALLBACK_FONT")
    path = Path(configured) if configured else DEBIAN_FALLBACK_FONT
    return path if path.is_file() else None
