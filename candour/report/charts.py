"""Charts for the report: Altair specifications rendered to PNG offline by vl-convert.

Each function returns a ``data:image/png;base64,…`` URI (so the HTML file stands
alone and WeasyPrint embeds it in the PDF), or None when there is nothing to draw.
"""

from __future__ import annotations

import base64
from typing import Any

import altair as alt
import pandas as pd
import vl_convert as vlc

from candour.bundle.contract import RANKS

WIDTH = 560
FONT = "DejaVu Sans"


def png_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def render(chart: alt.TopLevelMixin) -> str:
    with alt.data_transformers.disable_max_rows():  # data are aggregated before charting
        spec = chart.configure(font=FONT).configure_view(stroke=None).to_dict()
    return png_uri(vlc.vegalite_to_png(spec, scale=2))


def svg_png(svg: str) -> str:
    return png_uri(vlc.svg_to_png(svg, scale=2))


def funnel(stages: list[dict[str, Any]]) -> str | None:
    if not stages:
        return None
    df = pd.DataFrame(stages)
    df["order"] = range(len(df))
    bars = (
        alt.Chart(df)
        .mark_bar(color="#3b5b92")
        .encode(
            x=alt.X("count:Q", title="incidents"),
            y=alt.Y("stage:N", sort=alt.EncodingSortField("order"), title=None),
            tooltip=["stage", "count"],
        )
    )
    text = bars.mark_text(align="left", dx=3, color="#222").encode(text="count:Q")
    return render((bars + text).properties(width=WIDTH - 200, height=28 * len(df)))


def compliance(forces: list[dict[str, Any]]) -> str | None:
    if not forces:
        return None
    df = pd.DataFrame(forces)
    df["label"] = df["force_id"] + " (n=" + df["n"].astype(str) + ")"
    base = alt.Chart(df).encode(y=alt.Y("label:N", title=None))
    bars = base.mark_rule(strokeWidth=2, color="#555").encode(
        x=alt.X(
            "low:Q",
            title="share recorded as a crime (95 % Wilson interval)",
            scale=alt.Scale(domain=[0, 1]),
            axis=alt.Axis(format="%"),
        ),
        x2="high:Q",
    )
    points = base.mark_point(filled=True, size=80, color="#b03a2e").encode(x="rate:Q")
    return render((bars + points).properties(width=WIDTH - 160, height=34 * len(df)))


def findings_by_kind(by_force: list[dict[str, Any]]) -> str | None:
    if not by_force:
        return None
    df = pd.DataFrame(by_force)
    chart = (
        alt.Chart(df)
        .mark_bar()
        .encode(
            y=alt.Y("kind:N", title=None, sort="-x"),
            x=alt.X("sum(n):Q", title="findings"),
            color=alt.Color("force_id:N", title="force"),
        )
    )
    return render(chart.properties(width=WIDTH - 220, height=26 * df["kind"].nunique()))


def senior_timeline(events: list[dict[str, Any]]) -> str | None:
    """When each senior officer was told, against findings under their command.

    Findings are drawn one mark per officer and month, sized by how many (a
    chief officer may have thousands); each told-of-exploitation event keeps
    its own mark.
    """
    if not events:
        return None
    df = pd.DataFrame(events)
    df["at"] = pd.to_datetime(df["at"])
    under = df["event"] == "finding under command"
    monthly = (
        df[under]
        .assign(at=df.loc[under, "at"].dt.to_period("M").dt.to_timestamp())
        .groupby(["officer", "at", "event"], as_index=False)
        .size()
        .rename(columns={"size": "n"})
    )
    told = df[~under]
    kinds = ["told of exploitation", "finding under command"]
    colour = alt.Color(
        "event:N",
        title=None,
        scale=alt.Scale(domain=kinds, range=["#b03a2e", "#7f8c8d"]),
        legend=alt.Legend(orient="bottom"),
    )
    shape = alt.Shape(
        "event:N", scale=alt.Scale(domain=kinds, range=["diamond", "triangle-up"]), legend=None
    )
    x = alt.X("at:T", title=None)
    y = alt.Y("officer:N", title=None)
    findings = (
        alt.Chart(monthly)
        .mark_point(filled=True, opacity=0.45)
        .encode(
            x=x,
            y=y,
            color=colour,
            shape=shape,
            size=alt.Size("n:Q", scale=alt.Scale(range=[20, 160]), legend=None),
        )
    )
    knew = (
        alt.Chart(told)
        .mark_point(filled=True, opacity=1, size=170, stroke="#fff", strokeWidth=1)
        .encode(x=x, y=y, color=colour, shape=shape)
    )
    chart = alt.layer(findings, knew)
    n = df["officer"].nunique()
    return render(chart.properties(width=WIDTH - 220, height=max(60, 24 * n)))


def complaints_by_rank(rows: list[dict[str, Any]]) -> str | None:
    if not rows:
        return None
    df = pd.DataFrame(rows)
    order = [r for r in RANKS if r in set(df["rank"])] + sorted(set(df["rank"]) - set(RANKS))
    chart = (
        alt.Chart(df)
        .mark_bar()
        .encode(
            y=alt.Y("rank:N", sort=order, title=None),
            x=alt.X(
                "sum(n):Q",
                stack="normalize",
                title="share of complaints",
                axis=alt.Axis(format="%"),
            ),
            color=alt.Color("finding:N", title="finding", legend=alt.Legend(orient="bottom")),
            tooltip=["rank", "finding", "n"],
        )
    )
    return render(chart.properties(width=WIDTH - 200, height=24 * len(order)))
