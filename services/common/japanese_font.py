"""Where the Japanese font for PDFs and charts is: IPAex Gothic, a TrueType font reportlab can
embed (CFF-based OpenType such as Noto CJK .otf cannot be embedded by reportlab).

It ships inside the JapaneseMatplotlib wheel, a project dependency, so every machine that
installs the project has it; KYODO_JAPANESE_FONT points at another TrueType file.
"""
import os
from importlib import resources
from pathlib import Path

FONT_NAME = "IPAexGothic"


def japanese_font_path() -> Path:
    configured = os.environ.get("KYODO_JAPANESE_FONT")
    path = Path(configured) if configured else Path(
        str(resources.files("JapaneseMatplotlib") / "fonts" / "ipaexg.ttf"))
    if not path.is_file():
        raise FileNotFoundError(f"Japanese font not found at {path} (set KYODO_JAPANESE_FONT)")
    return path
