"""Draw the SkillShift icon with QPainter and write resources/icons/skillshift.{png,ico,icns}."""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
)

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "icons"
# ICO and ICNS both accept PNG payloads; these are the sizes each platform asks for.
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS PNG entry types: ic07 128, ic08 256, ic09 512 (Retina variants reuse the same payloads).
ICNS_TYPES = ((b"ic07", 128), (b"ic08", 256), (b"ic09", 512))


def draw(size: int) -> QImage:
    """The icon at `size` px: a blue tile, three skill nodes and a rising path to a brighter one."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 256.0, size / 256.0)

    tile = QRectF(12, 12, 232, 232)
    gradient = QLinearGradient(tile.topLeft(), tile.bottomRight())
    gradient.setColorAt(0.0, QColor("#2b86d4"))
    gradient.setColorAt(1.0, QColor("#164f86"))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(gradient))
    p.drawRoundedRect(tile, 52, 52)

    nodes = [QPointF(62, 190), QPointF(104, 148), QPointF(150, 166), QPointF(194, 78)]
    path = QPainterPath(nodes[0])
    for point in nodes[1:]:
        path.lineTo(point)
    pen = QPen(QColor("#e8f1fb"), 14)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(path)

    # Arrow head on the last segment: the shift towards a less exposed occupation.
    head = QPainterPath(QPointF(206, 50))
    head.lineTo(QPointF(214, 104))
    head.lineTo(QPointF(168, 82))
    head.closeSubpath()
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#5cc48a"))
    p.drawPath(head)

    for point, colour in zip(nodes[:3], ("#ffb74d", "#ffffff", "#ffffff"), strict=True):
        p.setBrush(QColor(colour))
        p.setPen(QPen(QColor("#164f86"), 6))
        p.drawEllipse(point, 20, 20)
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError("Qt could not encode a PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO file with one PNG entry per size (width/height 0 means 256)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = 6 + 16 * len(pngs)
    entries, payloads = b"", b""
    for size, payload in sorted(pngs.items()):
        side = 0 if size >= 256 else size
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(payload), offset)
        payloads += payload
        offset += len(payload)
    return header + entries + payloads


def icns_bytes(pngs: dict[bytes, bytes]) -> bytes:
    body = b"".join(kind + struct.pack(">I", 8 + len(data)) + data for kind, data in pngs.items())
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    cache: dict[int, bytes] = {}

    def png(size: int) -> bytes:
        if size not in cache:
            cache[size] = png_bytes(draw(size))
        return cache[size]

    (OUT / "skillshift.png").write_bytes(png(256))
    (OUT / "skillshift.ico").write_bytes(ico_bytes({s: png(s) for s in ICO_SIZES}))
    (OUT / "skillshift.icns").write_bytes(icns_bytes({k: png(s) for k, s in ICNS_TYPES}))
    for name in ("skillshift.png", "skillshift.ico", "skillshift.icns"):
        print(f"{OUT / name}: {(OUT / name).stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
