"""Regenerate the customer face art (assets/faces/<look>/<expression>.svg).

Every face is built from the same flat, hand-tuned shapes on a 256x256 canvas:
a mood-coloured circular background, head-and-shoulders for one of fourteen
customer "looks", and expression features (brows, eyes, mouth, cheeks and a
small mood accent).  Only the features and the background change between a
look's five expressions, so the art stays consistent.

Run it from anywhere to rewrite all 70 SVG files next to this script::

    python assets/faces/make_faces.py
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

OUT_DIR = Path(__file__).resolve().parent

EXPRESSIONS: tuple[str, ...] = ("furious", "upset", "neutral", "warming", "delighted")
LOOKS: tuple[str, ...] = (
    "maria",
    "david",
    "priya",
    "tom",
    "grace",
    "kenji",
    "daniela",
    "marcus",
    "hector",
    "ray",
    "jess",
    "loretta",
    "siobhan",
    "ines",
)

INK = "#2d2433"
MOUTH = "#6b2a33"
TONGUE = "#e9737f"
BACKGROUND: dict[str, str] = {
    "furious": "#e68a7e",
    "upset": "#efb072",
    "neutral": "#b3c5d7",
    "warming": "#93cfbd",
    "delighted": "#f5cf62",
}
MIRROR = '<g transform="matrix(-1 0 0 1 256 0)">{}</g>'
# The head is drawn at a comfortable working scale, then enlarged 12% about the
# chin so the features stay legible at 64 px while the shoulders stay put.
HEAD_ZOOM = '<g transform="matrix(1.12 0 0 1.12 -15.36 -18)">{}</g>'

HEAD = "M80 110C80 62 176 62 176 110C176 150 154 174 128 174C102 174 80 150 80 110Z"
NECK = "M110 148V194Q128 204 146 194V148Z"
# The shoulders end exactly on the background circle: Qt's SVG renderer ignores
# clipPath, so every shape is drawn to stay inside the circle instead.
BODY = (
    "M41.5 214C58 199 82 191 108 189H148C174 191 198 199 214.5 214"
    "A122 122 0 0 1 41.5 214Z"
)


def shoulders(fill: str) -> str:
    """Draw the shared torso in the given clothing colour."""
    return f'<path d="{BODY}" fill="{fill}"/>'


def pair(fragment: str) -> str:
    """Return the fragment plus its mirror image across the face's centre line."""
    return fragment + MIRROR.format(fragment)


@dataclass(frozen=True)
class Look:
    """Everything that identifies one customer, independent of mood."""

    name: str
    skin: str
    shade: str
    brow: str
    back_hair: str = ""
    body: str = ""
    ears_extra: str = ""
    face_extra: str = ""
    beard: str = ""
    front_hair: str = ""
    glasses: str = ""


def curls(points: list[tuple[float, float, float]], fill: str) -> str:
    """Draw a cloud of overlapping circles (curly hair)."""
    dots = "".join(f'<circle cx="{x:g}" cy="{y:g}" r="{r:g}"/>' for x, y, r in points)
    return f'<g fill="{fill}">{dots}</g>'


def maria() -> Look:
    """Woman ~40, dark curly hair, warm brown skin, gold hoops and pendant."""
    hair = "#2b1a16"
    back: list[tuple[float, float, float]] = []
    for i in range(11):
        a = math.radians(205 - i * 23)
        back.append((round(128 + 60 * math.cos(a)), round(106 - 54 * math.sin(a)), 21))
    back += [(70, 150, 19), (186, 150, 19), (76, 168, 15), (180, 168, 15)]
    fringe = [(94, 84, 13), (110, 76, 14), (128, 73, 14), (146, 76, 14), (162, 84, 13)]
    return Look(
        name="Maria",
        skin="#b87850",
        shade="#9c613d",
        brow=hair,
        back_hair=curls(back, hair),
        body=(
            shoulders("#8a5a9a")
            + '<path d="M106 189Q128 216 150 189Z" fill="#b87850"/>'
            '<path d="M108 190Q128 214 148 190" fill="none" stroke="#e8b44c" '
            'stroke-width="2.5"/><circle cx="128" cy="206" r="4" fill="#e8b44c"/>'
        ),
        ears_extra=pair(
            '<circle cx="81" cy="134" r="6" fill="none" stroke="#e8b44c" '
            'stroke-width="2.5"/>'
        ),
        front_hair=curls(fringe, hair)
        + '<g fill="none" stroke="#4a3028" stroke-width="2.5" stroke-linecap="round">'
        '<path d="M104 72q6-4 10 2M140 70q6-3 10 3M62 120q4-6 10-2'
        'M184 118q6-4 10 2"/></g>',
    )


def david() -> Look:
    """Man ~50, greying short hair and beard, light skin, sweater over a shirt."""
    return Look(
        name="David",
        skin="#f2c9a8",
        shade="#dba688",
        brow="#7d7a78",
        body=(
            shoulders("#3f5c82")
            + '<path d="M108 189L128 214L148 189Z" fill="#f2c9a8"/>'
            '<path d="M106 188L118 212L128 200L138 212L150 188L128 198Z" '
            'fill="#f4f4f2"/>'
        ),
        face_extra=(
            '<path d="M114 82Q128 79 142 82" fill="none" stroke="#dba688" '
            'stroke-width="2.5" stroke-linecap="round"/>'
        ),
        beard=(
            '<path d="M81 118C82 154 102 182 128 182C154 182 174 154 175 118'
            "C170 134 162 142 150 140C140 138 116 138 106 140C94 142 86 134 81 118Z"
            '" fill="#a8a6a3"/>'
            '<path d="M108 145Q128 132 148 145Q138 141 128 143Q118 141 108 145Z" '
            'fill="#9a9895"/>'
        ),
        front_hair=(
            '<path d="M80 112C74 72 96 60 128 60C160 60 182 72 176 112C172 98 170 90 '
            '162 86C144 76 112 76 94 86C86 90 84 98 80 112Z" fill="#b7b6b4"/>'
            '<path d="M80 112C78 100 80 94 84 90L88 112ZM176 112C178 100 176 94 172 90'
            'L168 112Z" fill="#8f8d8b"/>'
        ),
    )


def priya() -> Look:
    """Woman ~30, long black hair in a ponytail, brown skin, stud earrings."""
    hair = "#1f1a22"
    return Look(
        name="Priya",
        skin="#a86a42",
        shade="#8c5532",
        brow=hair,
        back_hair=(
            f'<path d="M150 70C192 62 206 98 198 138C192 168 178 186 166 214'
            f'C172 176 178 138 160 104Z" fill="{hair}"/>'
            '<ellipse cx="183" cy="88" rx="9" ry="5" fill="#e0a33a" '
            'transform="rotate(35 183 88)"/>'
        ),
        body=(
            shoulders("#c75e7f")
            + '<path d="M106 189L128 222L150 189Z" fill="#a86a42"/>'
        ),
        ears_extra=pair('<circle cx="81" cy="130" r="3.5" fill="#e8b44c"/>'),
        front_hair=(
            f'<path d="M80 114C72 66 102 56 126 58C158 58 184 72 176 114'
            f'C172 96 164 84 148 80C130 92 104 82 86 96C83 101 81 107 80 114Z" '
            f'fill="{hair}"/>'
            '<path d="M140 62Q156 66 166 82" fill="none" stroke="#3a3140" '
            'stroke-width="3" stroke-linecap="round"/>'
        ),
    )


def tom() -> Look:
    """Young man ~22, messy ginger hair, freckles, green hoodie."""
    freckles = "".join(
        f'<circle cx="{x}" cy="{y}" r="1.8"/>'
        for x, y in ((96, 130), (102, 134), (92, 136), (100, 140), (121, 127))
    )
    return Look(
        name="Tom",
        skin="#f6d3b8",
        shade="#e2ae8e",
        brow="#b8541f",
        body=(
            '<path d="M96 194Q128 212 160 194L156 182Q128 196 100 182Z" '
            'fill="#4c7a41"/>'
            + shoulders("#5e9350")
            + '<path d="M104 190Q128 208 152 190" fill="none" stroke="#4c7a41" '
            'stroke-width="6"/>'
            '<path d="M118 204V230M138 204V230" stroke="#eef2e8" stroke-width="3" '
            'stroke-linecap="round"/>'
        ),
        face_extra=f'<g fill="#cf8a5e">{freckles}</g>'
        + MIRROR.format(f'<g fill="#cf8a5e">{freckles}</g>'),
        front_hair=(
            '<path d="M80 110C76 84 84 68 98 62L92 48L110 56L114 40L128 52L140 38'
            "L146 54L164 46L160 62C174 70 180 88 176 110C172 98 166 90 156 88L150 78"
            'L140 88L128 78L116 88L106 80L102 90C92 92 84 100 80 110Z" '
            'fill="#d9733a"/>'
            '<path d="M112 60L120 70M138 58L134 70M156 66L150 76" stroke="#b65a26" '
            'stroke-width="3" stroke-linecap="round"/>'
        ),
    )


def grace() -> Look:
    """Older woman ~68, white bob, round glasses, cardigan and pearls."""
    return Look(
        name="Grace",
        skin="#f1cdb4",
        shade="#dcab8e",
        brow="#85776f",
        back_hair=(
            '<path d="M72 114C66 52 190 52 184 114L186 162Q128 172 70 162Z" '
            'fill="#dcd8d2"/>'
        ),
        body=(
            shoulders("#9a86c4")
            + '<path d="M106 189L128 230L150 189Z" fill="#f6f3ee"/>'
            '<path d="M108 189L128 210L148 189Z" fill="#f1cdb4"/>'
            '<g fill="#f6f3ee"><circle cx="128" cy="230" r="3"/>'
            '<circle cx="128" cy="242" r="3"/></g>'
        ),
        ears_extra=pair('<circle cx="81" cy="131" r="4" fill="#fbf7f0"/>'),
        face_extra=pair(
            '<path d="M108 138Q104 146 108 154M88 114L82 112M89 120L83 121" '
            'fill="none" stroke="#dcab8e" stroke-width="2.5" stroke-linecap="round"/>'
        ),
        front_hair=(
            '<path d="M76 118C68 60 124 50 150 62C172 70 186 88 180 118'
            "C176 98 168 86 156 82C136 96 108 96 92 90C84 98 80 106 76 118Z"
            '" fill="#f1efeb"/>'
            '<path d="M100 72Q124 82 150 68" fill="none" stroke="#dcd8d2" '
            'stroke-width="3" stroke-linecap="round"/>'
        ),
        glasses=(
            '<g fill="#ffffff" fill-opacity=".18" stroke="#8a4f76" stroke-width="3.5">'
            '<circle cx="109" cy="117" r="14"/><circle cx="147" cy="117" r="14"/></g>'
            '<path d="M123 115Q128 111 133 115M95 114L82 110M161 114L174 110" '
            'fill="none" stroke="#8a4f76" stroke-width="3.5" stroke-linecap="round"/>'
        ),
    )


def kenji() -> Look:
    """Man ~35, short black hair, light-tan skin, rectangular glasses, tie."""
    hair = "#1c1d24"
    return Look(
        name="Kenji",
        skin="#e6bb90",
        shade="#cf9e74",
        brow=hair,
        body=(
            shoulders("#4b5263")
            + '<path d="M106 189L128 249L150 189Z" fill="#f4f4f2"/>'
            '<path d="M108 189L128 206L148 189Z" fill="#e6bb90"/>'
            '<path d="M104 186L116 214L128 204L140 214L152 186L128 200Z" '
            'fill="#ffffff"/>'
            '<path d="M124 206H132L135 238L128 247L121 238Z" fill="#3c7f8c"/>'
        ),
        front_hair=(
            f'<path d="M79 112C72 70 100 56 130 58C162 58 184 74 177 112'
            f'C174 98 170 90 164 86C146 90 116 86 104 78C92 86 84 98 79 112Z" '
            f'fill="{hair}"/>'
            '<path d="M104 78Q124 70 150 72" fill="none" stroke="#3a3c48" '
            'stroke-width="3" stroke-linecap="round"/>'
        ),
        glasses=(
            '<g fill="#ffffff" fill-opacity=".15" stroke="#23262f" stroke-width="3.5">'
            '<rect x="94" y="106" width="31" height="21" rx="4"/>'
            '<rect x="131" y="106" width="31" height="21" rx="4"/></g>'
            '<path d="M125 113H131M94 111L82 109M162 111L174 109" fill="none" '
            'stroke="#23262f" stroke-width="3.5" stroke-linecap="round"/>'
        ),
    )


def daniela() -> Look:
    """Woman ~29, chestnut hair in a high bun, olive skin, teal blazer, pearl drops."""
    hair = "#5a3020"
    return Look(
        name="Daniela",
        skin="#d49a6a",
        shade="#b67a4c",
        brow="#3e2016",
        back_hair=(
            f'<circle cx="128" cy="45" r="18" fill="{hair}"/>'
            '<path d="M116 40Q126 30 140 38M118 50Q130 44 140 52" fill="none" '
            'stroke="#7a452e" stroke-width="3" stroke-linecap="round"/>'
        ),
        body=(
            shoulders("#2a7d85")
            + '<path d="M104 189L128 236L152 189Z" fill="#f5efe3"/>'
            '<path d="M110 189Q128 209 146 189Z" fill="#d49a6a"/>'
            '<path d="M102 188L128 238L114 238L92 205L100 199Z'
            'M154 188L128 238L142 238L164 205L156 199Z" fill="#1f636a"/>'
        ),
        ears_extra=pair(
            '<path d="M81 129V135" stroke="#e8b44c" stroke-width="2"/>'
            '<circle cx="81" cy="138" r="3.5" fill="#fbf7f0"/>'
        ),
        front_hair=(
            f'<path d="M79 114C72 70 100 58 128 58C158 58 183 72 177 114'
            f'C174 98 168 88 158 82C142 78 118 82 100 92C90 98 84 106 79 114Z" '
            f'fill="{hair}"/>'
            f'<path d="M84 98Q78 122 88 142" fill="none" stroke="{hair}" '
            'stroke-width="4" stroke-linecap="round"/>'
            '<path d="M104 82Q122 70 146 68M150 76Q164 74 170 86" fill="none" '
            'stroke="#7a452e" stroke-width="3" stroke-linecap="round"/>'
            '<rect x="117" y="56" width="22" height="7" rx="3.5" fill="#d2464f"/>'
        ),
    )


def marcus() -> Look:
    """Man ~52, deep brown skin, greying crop and goatee, navy blazer, bow tie, rose."""
    grey = "#aaa49f"
    flecks = "M100 70l4 3M116 65l4 2M134 64l4 1M150 67l4 2M164 75l3 3M108 78l4 1M142 74l4 1"
    return Look(
        name="Marcus",
        skin="#8a5638",
        shade="#6c3f25",
        brow="#bdb6b0",
        body=(
            shoulders("#222b45")
            + '<path d="M106 189L128 240L150 189Z" fill="#f4f4f2"/>'
            '<path d="M108 189L128 206L148 189Z" fill="#8a5638"/>'
            '<path d="M104 186L116 212L128 203L140 212L152 186L128 199Z" '
            'fill="#ffffff"/>'
            '<path d="M102 188L128 242L116 242L92 206L100 200Z'
            'M154 188L128 242L140 242L164 206L156 200Z" fill="#323d61"/>'
            '<path d="M128 208L112 200V216ZM128 208L144 200V216Z" fill="#9c2338"/>'
            '<circle cx="128" cy="208" r="4" fill="#7c1a2b"/>'
            '<ellipse cx="170" cy="224" rx="6" ry="3" fill="#3f8a4a" '
            'transform="rotate(-30 170 224)"/>'
            '<circle cx="164" cy="217" r="6.5" fill="#d23a48"/>'
            '<path d="M160.5 217Q164 212.5 167.5 217" fill="none" stroke="#a3202f" '
            'stroke-width="1.8"/>'
        ),
        beard=(
            f'<path d="M108 143C112 135 122 134 128 137C134 134 144 135 148 143'
            f'C140 140 134 140 128 141C122 140 116 140 108 143Z" fill="{grey}"/>'
            f'<path d="M115 167Q128 172 141 167Q140 180 128 181Q116 180 115 167Z" '
            f'fill="{grey}"/>'
        ),
        front_hair=(
            '<path d="M80 112C76 70 100 60 128 60C156 60 180 70 176 112'
            "C174 100 172 92 166 86C158 80 150 80 144 82C136 78 120 78 112 82"
            'C106 80 98 80 90 86C84 92 82 100 80 112Z" fill="#35302e"/>'
            f'<path d="M80 112C78 102 80 94 84 89Q86 98 86 112Z'
            f'M176 112C178 102 176 94 172 89Q170 98 170 112Z" fill="{grey}"/>'
            f'<path d="{flecks}" fill="none" stroke="#8c8682" stroke-width="2" '
            'stroke-linecap="round"/>'
        ),
    )


def hector() -> Look:
    """Man ~45, black hair swept back, thick moustache, tan skin, grey work shirt with a pen."""
    hair = "#211a17"
    return Look(
        name="Hector",
        skin="#c98d5e",
        shade="#a86f44",
        brow=hair,
        body=(
            shoulders("#6f7780")
            + '<path d="M108 189L128 214L148 189Z" fill="#c98d5e"/>'
            '<path d="M104 187L116 212L128 200L140 212L152 187L128 198Z" fill="#5d646c"/>'
            '<rect x="160" y="206" width="16" height="18" rx="2" fill="#5d646c"/>'
            '<path d="M166 200V214" stroke="#2f6fb0" stroke-width="3" stroke-linecap="round"/>'
        ),
        beard=(
            '<path d="M104 146C110 134 122 134 128 138C134 134 146 134 152 146'
            'C144 142 136 142 128 144C120 142 112 142 104 146Z" fill="#2b2220"/>'
        ),
        front_hair=(
            f'<path d="M79 112C72 66 104 54 130 56C160 58 184 72 177 112'
            f'C172 92 160 80 140 76C120 74 96 80 84 96C82 102 80 106 79 112Z" fill="{hair}"/>'
            '<path d="M100 72Q128 62 158 74" fill="none" stroke="#4a3d38" stroke-width="3" '
            'stroke-linecap="round"/>'
        ),
    )


def ray() -> Look:
    """Man ~40, shaved head, short dark stubble, pale skin, red plaid flannel shirt."""
    stubble = "".join(
        f'<circle cx="{x}" cy="{y}" r="1.3"/>'
        for x, y in ((100, 150), (106, 158), (114, 164), (122, 168), (108, 146), (118, 158), (96, 142))
    )
    return Look(
        name="Ray",
        skin="#efc3a4",
        shade="#d49f7f",
        brow="#4b3b33",
        body=(
            shoulders("#b3393a")
            + '<path d="M60 206V226M80 196V232M176 196V232M196 206V226" stroke="#7d2325" '
            'stroke-width="4"/><path d="M52 214H204" stroke="#7d2325" stroke-width="3"/>'
            '<path d="M108 189L128 212L148 189Z" fill="#efc3a4"/>'
        ),
        face_extra=(
            '<path d="M84 100Q128 70 172 100" fill="none" stroke="#e3b391" stroke-width="3" '
            'stroke-linecap="round"/>'
        ),
        beard=f'<g fill="#b39686">{stubble}</g>' + MIRROR.format(f'<g fill="#b39686">{stubble}</g>'),
    )


def jess() -> Look:
    """Woman ~27, short platinum pixie cut, light skin, mustard raincoat, small nose stud."""
    return Look(
        name="Jess",
        skin="#f4d1bd",
        shade="#dfac92",
        brow="#a68a64",
        body=(
            shoulders("#d9a520")
            + '<path d="M108 189L128 210L148 189Z" fill="#f4d1bd"/>'
            '<path d="M100 187L114 216L128 202L142 216L156 187L128 200Z" fill="#b88912"/>'
            '<path d="M128 204V250" stroke="#8f6a0c" stroke-width="3"/>'
        ),
        face_extra='<circle cx="136" cy="132" r="2.2" fill="#c9ccd3"/>',
        front_hair=(
            '<path d="M80 112C74 70 100 56 130 56C162 56 184 74 176 106'
            'C166 88 150 78 128 80C110 78 98 88 92 80C88 92 82 100 80 112Z" fill="#ece3c6"/>'
            '<path d="M96 74Q120 62 152 66M150 74Q166 80 172 94" fill="none" stroke="#cfc29c" '
            'stroke-width="3" stroke-linecap="round"/>'
        ),
    )


def loretta() -> Look:
    """Woman ~71, short silver curls, deep brown skin, coral cardigan, gold button earrings."""
    silver = "#d9d6d0"
    ring = [(94, 80, 12), (108, 72, 13), (124, 68, 13), (140, 70, 13), (156, 76, 12),
            (168, 88, 11), (86, 92, 11), (78, 106, 10), (178, 104, 10)]
    return Look(
        name="Loretta",
        skin="#7a4b30",
        shade="#603822",
        brow="#cfc9c2",
        body=(
            shoulders("#e07a5f")
            + '<path d="M106 189L128 226L150 189Z" fill="#f3ede2"/>'
            '<path d="M108 189L128 208L148 189Z" fill="#7a4b30"/>'
            '<g fill="#f3ede2"><circle cx="118" cy="224" r="2.5"/><circle cx="138" cy="224" r="2.5"/></g>'
        ),
        ears_extra=pair('<circle cx="81" cy="131" r="4.5" fill="#e8b44c"/>'),
        face_extra=pair(
            '<path d="M106 140Q102 148 106 156" fill="none" stroke="#603822" '
            'stroke-width="2.5" stroke-linecap="round"/>'
        ),
        front_hair=curls(ring, silver),
    )


def siobhan() -> Look:
    """Woman ~34, long wavy auburn hair, fair skin, forest-green sweater, silver hoops."""
    hair = "#9c3d1f"
    return Look(
        name="Siobhan",
        skin="#f7dccb",
        shade="#e4b59e",
        brow="#7f3219",
        back_hair=(
            f'<path d="M74 110C66 50 190 50 182 110C188 150 196 178 184 206'
            f'C170 196 176 168 168 150L88 150C80 168 86 196 72 206C60 178 68 150 74 110Z" fill="{hair}"/>'
        ),
        body=(
            shoulders("#2f5d46")
            + '<path d="M110 189Q128 206 146 189Z" fill="#f7dccb"/>'
            '<path d="M104 190Q128 214 152 190" fill="none" stroke="#244a37" stroke-width="5"/>'
        ),
        ears_extra=pair(
            '<circle cx="81" cy="136" r="6" fill="none" stroke="#c8ccd4" stroke-width="2.5"/>'
        ),
        front_hair=(
            f'<path d="M80 116C72 66 104 54 130 56C162 58 186 76 176 116'
            f'C170 96 160 84 144 78C132 90 104 86 90 96C84 102 82 108 80 116Z" fill="{hair}"/>'
            '<path d="M100 74Q112 66 126 70M140 66Q156 68 166 80M84 110Q80 124 86 136" fill="none" '
            'stroke="#c05a34" stroke-width="3" stroke-linecap="round"/>'
        ),
    )


def ines() -> Look:
    """Woman ~50, dark hair under a patterned headscarf, olive-brown skin, clay-spattered apron."""
    return Look(
        name="Ines",
        skin="#c08a62",
        shade="#a06e48",
        brow="#2a1d18",
        back_hair=(
            '<path d="M72 108C70 50 186 50 184 108L190 128Q128 118 66 128Z" fill="#3b6ea5"/>'
            '<path d="M176 96C196 102 204 122 196 140C190 128 184 118 176 114Z" fill="#3b6ea5"/>'
        ),
        body=(
            shoulders("#8c6f5a")
            + '<path d="M98 196H158L162 238Q128 248 94 238Z" fill="#d8c7ad"/>'
            '<path d="M96 196L108 189M160 196L148 189" stroke="#d8c7ad" stroke-width="5"/>'
            '<g fill="#a8866a"><circle cx="112" cy="222" r="3"/><circle cx="146" cy="232" r="2.5"/>'
            '<circle cx="128" cy="240" r="2"/></g>'
        ),
        front_hair=(
            '<path d="M78 112C70 62 106 50 128 50C152 50 188 62 178 112C172 92 160 82 128 82'
            'C98 82 84 92 78 112Z" fill="#3b6ea5"/>'
            '<g fill="#f2c14e"><circle cx="100" cy="70" r="4"/><circle cx="128" cy="60" r="4"/>'
            '<circle cx="156" cy="70" r="4"/><circle cx="114" cy="86" r="3"/><circle cx="142" cy="86" r="3"/></g>'
            '<path d="M84 100Q128 76 172 100" fill="none" stroke="#2a1d18" stroke-width="6"/>'
        ),
    )


def brows(expression: str, colour: str) -> str:
    """Draw both eyebrows; their angle carries most of the mood."""
    shape = {
        "furious": "M97 94L122 105",
        "upset": "M98 101Q110 97 121 91",
        "neutral": "M99 98Q110 95 121 98",
        "warming": "M99 97Q110 91 121 95",
        "delighted": "M99 93Q110 85 121 91",
    }[expression]
    width = "8" if expression == "furious" else "6"
    return pair(
        f'<path d="{shape}" fill="none" stroke="{colour}" stroke-width="{width}" '
        'stroke-linecap="round"/>'
    )


def eyes(expression: str, skin: str) -> str:
    """Draw both eyes: narrowed, open, smiling (lower lid) or closed arcs."""
    if expression == "furious":
        return pair(
            '<path d="M102 112L119 118Q118 125 110 125Q102 124 102 112Z" '
            f'fill="{INK}"/>'
        )
    if expression == "delighted":
        return pair(
            f'<path d="M102 119Q110 108 118 119" fill="none" stroke="{INK}" '
            'stroke-width="6" stroke-linecap="round"/>'
        )
    parts = [
        f'<ellipse cx="{cx}" cy="116" rx="6.5" ry="8" fill="{INK}"/>'
        f'<circle cx="{cx + 2}" cy="113" r="2.5" fill="#fff"/>'
        for cx in (110, 146)
    ]
    if expression == "warming":
        parts.append(pair(f'<ellipse cx="110" cy="127" rx="10" ry="5" fill="{skin}"/>'))
    if expression == "upset":
        parts.append(pair('<circle cx="108" cy="119" r="1.4" fill="#fff"/>'))
    return "".join(parts)


MOUTH_SHAPE = {
    "furious": "M108 162Q108 142 128 142Q148 142 148 162Q128 154 108 162Z",
    "delighted": "M106 143Q128 148 150 143Q148 168 128 168Q108 168 106 143Z",
}


def mouth(expression: str) -> str:
    """Draw the mouth: a stroke for the calm moods, a filled shape for the extremes."""
    line = {
        "upset": "M114 157Q128 145 142 157",
        "neutral": "M116 152Q128 153 140 152",
        "warming": "M111 148Q128 162 145 148",
    }
    if expression in line:
        return (
            f'<path d="{line[expression]}" fill="none" stroke="{MOUTH}" '
            'stroke-width="6" stroke-linecap="round"/>'
        )
    shape = MOUTH_SHAPE[expression]
    if expression == "furious":
        inner = (
            '<path d="M110 151.5Q112 143.5 128 143.5Q144 143.5 146 151.5'
            'Q128 147 110 151.5Z" fill="#fff"/>'
        )
    else:
        inner = (
            '<path d="M107 144.5Q128 149 149 144.5L148.4 150.5Q128 155 107.6 150.5Z" '
            'fill="#fff"/>'
            '<path d="M116 161Q128 152 140 161Q135 166.5 128 166.5Q121 166.5 116 161Z" '
            f'fill="{TONGUE}"/>'
        )
    return f'<path d="{shape}" fill="{MOUTH}"/>{inner}'


def cheeks(expression: str) -> str:
    """Draw the flush or blush (and a frown furrow when furious)."""
    if expression == "furious":
        return pair(
            '<ellipse cx="96" cy="136" rx="12" ry="8" fill="#e0404c" opacity=".5"/>'
        ) + (
            '<path d="M124 98V106M132 98V106" stroke="#000" stroke-opacity=".2" '
            'stroke-width="2.5" stroke-linecap="round"/>'
        )
    if expression == "warming":
        return pair(
            '<ellipse cx="96" cy="135" rx="10" ry="6" fill="#f07c82" opacity=".35"/>'
        )
    if expression == "delighted":
        return pair(
            '<ellipse cx="95" cy="137" rx="11" ry="7" fill="#f06c78" opacity=".5"/>'
        )
    return ""


def sparkle(x: float, y: float, r: float, fill: str) -> str:
    """Draw a four-pointed twinkle centred on (x, y)."""
    k = r * 0.28
    return (
        f'<path d="M{x:g} {y - r:g}Q{x + k:g} {y - k:g} {x + r:g} {y:g}'
        f"Q{x + k:g} {y + k:g} {x:g} {y + r:g}Q{x - k:g} {y + k:g} {x - r:g} {y:g}"
        f'Q{x - k:g} {y - k:g} {x:g} {y - r:g}Z" fill="{fill}"/>'
    )


def anger_mark(cx: float, cy: float, gap: float = 4, reach: float = 16) -> str:
    """Path data for the comic "popping vein" mark: four brackets bowing inwards."""
    parts = []
    for sx, sy in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
        gx, gy, rx, ry = cx + sx * gap, cy + sy * gap, cx + sx * reach, cy + sy * reach
        parts.append(f"M{gx:g} {ry:g}Q{gx:g} {gy:g} {rx:g} {gy:g}")
    return "".join(parts)


def accent(expression: str) -> str:
    """Mood accent drawn on top of everything (may overlap the figure)."""
    if expression == "furious":
        return (
            f'<path d="{anger_mark(202, 64)}" fill="none" stroke="#c62f3d" '
            'stroke-width="5.5" stroke-linecap="round"/>'
        )
    if expression == "upset":
        return (
            '<path d="M176 80Q168 94 168 99A8 8 0 0 0 184 99Q184 94 176 80Z" '
            'fill="#8fd0f2" stroke="#ffffff" stroke-width="2"/>'
        )
    if expression == "delighted":
        return (
            sparkle(44, 72, 13, "#fffaf0")
            + sparkle(212, 56, 10, "#fffaf0")
            + sparkle(222, 100, 6, "#fffaf0")
        )
    return ""


def render(look: Look, expression: str) -> str:
    """Build the SVG document for one look in one expression."""
    ears = pair(
        f'<circle cx="81" cy="118" r="11" fill="{look.skin}"/>'
        f'<circle cx="82" cy="118" r="5" fill="{look.shade}"/>'
    )
    nose = (
        f'<path d="M124 133Q128 137 132 133" fill="none" stroke="{look.shade}" '
        'stroke-width="4" stroke-linecap="round"/>'
    )
    head = "".join(
        (
            ears,
            look.ears_extra,
            f'<path d="{HEAD}" fill="{look.skin}"/>',
            look.face_extra,
            cheeks(expression),
            look.beard,
            nose,
            mouth(expression),
            eyes(expression, look.skin),
            look.front_hair,
            brows(expression, look.brow),
            look.glasses,
        )
    )
    figure = (
        f"{HEAD_ZOOM.format(look.back_hair) if look.back_hair else ''}"
        f'<path d="{NECK}" fill="{look.shade}"/>{look.body}{HEAD_ZOOM.format(head)}'
    )
    title = f"{look.name} \u2014 {expression}"
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 256 256" '
        f'width="256" height="256" role="img"><title>{title}</title>'
        f'<circle cx="128" cy="128" r="122" fill="{BACKGROUND[expression]}"/>'
        f"{figure}{accent(expression)}</svg>\n"
    )


def main() -> None:
    """Write every look x expression SVG next to this script."""
    builders = {
        "maria": maria,
        "david": david,
        "priya": priya,
        "tom": tom,
        "grace": grace,
        "kenji": kenji,
        "daniela": daniela,
        "marcus": marcus,
        "hector": hector,
        "ray": ray,
        "jess": jess,
        "loretta": loretta,
        "siobhan": siobhan,
        "ines": ines,
    }
    for key in LOOKS:
        look = builders[key]()
        folder = OUT_DIR / key
        folder.mkdir(parents=True, exist_ok=True)
        for expression in EXPRESSIONS:
            (folder / f"{expression}.svg").write_text(
                render(look, expression), encoding="utf-8"
            )


if __name__ == "__main__":
    main()
