"""A network picture as plain SVG: people as circles, co-presence as lines.

Used by the report (converted to PNG) and the workspace's group page (inline
SVG). Layout by networkx's spring layout with a fixed seed, so the same group
is always drawn the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import networkx as nx
from markupsafe import Markup, escape

ROLE_COLOURS = {"offender": "#b03a2e", "victim": "#2e6eb0"}
GROUP_STROKES = ["#222", "#8e44ad", "#16a085", "#d35400", "#7f8c8d"]


def network_svg(
    nodes: list[dict[str, Any]],
    edges: list[tuple[str, str, int]],
    label: Callable[[str], str],
    width: int = 640,
    height: int = 420,
    link: Callable[[str], str] | None = None,
    max_labels: int = 30,
) -> Markup:
    """SVG of ``nodes`` (person_id, role, group_id) joined by weighted ``edges``."""
    if not nodes:
        return Markup("")
    g = nx.Graph()
    for n in nodes:
        g.add_node(n["person_id"])
    for a, b, w in edges:
        if a in g and b in g:
            g.add_edge(a, b, weight=w)
    groups = sorted({str(n.get("group_id")) for n in nodes})
    for grp in groups:  # keep each group together even with no shared incident
        members = [n["person_id"] for n in nodes if str(n.get("group_id")) == grp]
        for m in members[1:]:
            if not g.has_edge(members[0], m):
                g.add_edge(members[0], m, weight=0.2, invisible=True)
    pos = nx.spring_layout(g, seed=7, weight="weight", k=2.0 / max(1, len(g)) ** 0.5)
    pad = 40
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    minx, maxx, miny, maxy = min(xs), max(xs), min(ys), max(ys)

    def at(pid: str) -> tuple[float, float]:
        x, y = pos[pid]
        sx = pad + (x - minx) / ((maxx - minx) or 1) * (width - 3.5 * pad)
        sy = pad + (y - miny) / ((maxy - miny) or 1) * (height - 2 * pad)
        return sx, sy

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="network of people">',
        f'<rect width="{width}" height="{height}" fill="#fff"/>',
    ]
    for a, b, data in g.edges(data=True):
        if data.get("invisible"):
            continue
        (x1, y1), (x2, y2) = at(a), at(b)
        width_px = min(6.0, 0.8 + float(data.get("weight", 1)))
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
            f'stroke="#999" stroke-width="{width_px:.1f}"/>'
        )
    for n in nodes:
        x, y = at(n["person_id"])
        colour = ROLE_COLOURS.get(str(n.get("role")), "#7f8c8d")
        stroke = GROUP_STROKES[groups.index(str(n.get("group_id"))) % len(GROUP_STROKES)]
        text = escape(label(n["person_id"]))
        shown = text if len(nodes) <= max_labels else ""
        circle = (
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="9" fill="{colour}" stroke="{stroke}" '
            f'stroke-width="2"><title>{text} ({escape(str(n.get("role")))}, group '
            f"{escape(str(n.get('group_id')))})</title></circle>"
            f'<text x="{x + 11:.1f}" y="{y + 4:.1f}" font-size="10" '
            f'font-family="DejaVu Sans, sans-serif" fill="#222">{shown}</text>'
        )
        if link is not None:
            circle = f'<a href="{escape(link(n["person_id"]))}">{circle}</a>'
        parts.append(circle)
    parts.append(
        '<g font-family="DejaVu Sans, sans-serif" font-size="11">'
        f'<circle cx="14" cy="{height - 30}" r="6" fill="{ROLE_COLOURS["offender"]}"/>'
        f'<text x="24" y="{height - 26}">offender</text>'
        f'<circle cx="14" cy="{height - 12}" r="6" fill="{ROLE_COLOURS["victim"]}"/>'
        f'<text x="24" y="{height - 8}">victim</text></g>'
    )
    parts.append("</svg>")
    return Markup("".join(parts))
