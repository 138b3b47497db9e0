"""Data strings in Plotly text: escaped so a name such as <img onerror=...> shows as text and never as markup.

Plotly's pseudo-HTML decodes &lt; &gt; &amp; and numeric entities but not &quot;, so quotes are left as they are:
a quote cannot open a tag, and names like UNIVERSITATEA "ALEXANDRU IOAN CUZA" must read as written.
"""

import html


def escape(text: str) -> str:
    return html.escape(text, quote=False)
