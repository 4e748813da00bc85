"""Area shapes: read the ONS TopoJSON boundaries and draw them as SVG paths.

Shapes are kept as GeoJSON geometries (longitude, latitude), rounded to five
decimal places (about a metre: the source is already generalised). Drawing is
done on the server, so maps work without JavaScript; every map must still come
with a table of the same numbers.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

PRECISION = 5


def _decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy, *_ in arc:
                x += dx
                y += dy
                points.append((round(x * sx + tx, PRECISION), round(y * sy + ty, PRECISION)))
        else:
            points = [(round(px, PRECISION), round(py, PRECISION)) for px, py, *_ in arc]
        arcs.append(points)
    return arcs


def _ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[list[float]]:
    ring: list[tuple[float, float]] = []
    for index in indexes:
        # A negative index (~i) means arc i, walked backwards.
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points if not ring else points[1:])
    return [list(point) for point in ring]


def _geometry(geometry: dict, arcs) -> dict | None:
    kind = geometry.get("type")
    if kind == "Polygon":
        return {"type": "Polygon", "coordinates": [_ring(ring, arcs) for ring in geometry["arcs"]]}
    if kind == "MultiPolygon":
        return {
            "type": "MultiPolygon",
            "coordinates": [[_ring(ring, arcs) for ring in polygon] for polygon in geometry["arcs"]],
        }
    return None  # Points and lines are not area shapes.


def topology_features(path: Path | str, object_name: str | None = None) -> Iterator[tuple[dict, dict]]:
    """Yield (properties, GeoJSON geometry) for each area in a TopoJSON file."""
    with open(path, encoding="utf-8") as handle:
        topology = json.load(handle)
    if topology.get("type") != "Topology":
        raise ValueError(f"{Path(path).name} is not a TopoJSON topology.")
    objects = topology["objects"]
    name = object_name or next(iter(objects))
    if name not in objects:
        raise ValueError(f"{Path(path).name} has no object called {name!r}.")
    arcs = _decode_arcs(topology)
    for geometry in objects[name].get("geometries", []):
        shape = _geometry(geometry, arcs)
        if shape is not None:
            yield geometry.get("properties") or {}, shape


def _polygons(shape: dict) -> list[list[list[list[float]]]]:
    return [shape["coordinates"]] if shape["type"] == "Polygon" else shape["coordinates"]


@dataclass(frozen=True)
class SvgMap:
    view_box: str
    width: int
    height: int
    paths: list[tuple[object, str]]  # (key, SVG path data)


def svg_map(shapes: Iterable[tuple[object, dict | None]], *, width: int = 600, padding: int = 4) -> SvgMap | None:
    """Project shapes onto an SVG canvas `width` wide, keeping the map's proportions.

    A simple equirectangular projection, with longitude scaled by the cosine of
    the middle latitude: at the size of a county or region the distortion is
    too small to see. Shapes that are None are left out. Returns None when
    there is nothing to draw, so the page shows its table alone.
    """
    items = [(key, shape) for key, shape in shapes if shape]
    if not items:
        return None
    xs, ys = [], []
    for _, shape in items:
        for polygon in _polygons(shape):
            for ring in polygon:
                for x, y in ring:
                    xs.append(x)
                    ys.append(y)
    min_x, max_x, min_y, max_y = min(xs), max(xs), min(ys), max(ys)
    squash = math.cos(math.radians((min_y + max_y) / 2))
    span_x = max((max_x - min_x) * squash, 1e-9)
    span_y = max(max_y - min_y, 1e-9)
    scale = (width - 2 * padding) / span_x
    height = int(round(span_y * scale)) + 2 * padding

    def point(x: float, y: float) -> str:
        return f"{padding + (x - min_x) * squash * scale:.1f},{padding + (max_y - y) * scale:.1f}"

    paths = []
    for key, shape in items:
        parts = []
        for polygon in _polygons(shape):
            for ring in polygon:
                if len(ring) < 3:
                    continue
                parts.append("M" + "L".join(point(x, y) for x, y in ring) + "Z")
        paths.append((key, "".join(parts)))
    return SvgMap(view_box=f"0 0 {width} {height}", width=width, height=height, paths=paths)
