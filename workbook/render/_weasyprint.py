"""The one place that reaches into WeasyPrint 70 beyond its documented API (pinned ``>=70,<71``).

The fetcher class, the fetch-failure exception, the font configuration, the XMP packet that must
also claim PDF/UA-1, and the catalog entry PDF/UA asks for. When WeasyPrint moves, only this changes.
"""

from __future__ import annotations

from collections.abc import Callable
from xml.etree import ElementTree as ET


def fetcher(read: Callable[[str], tuple[str, bytes, str]]):
    """Return a fail-hard WeasyPrint URL fetcher; ``read(url)`` gives (url, body, mime) or raises."""
    import weasyprint
    from weasyprint.urls import URLFetcherResponse

    class SafeFetcher(weasyprint.URLFetcher):
        """Read what ``read`` allows; refuse everything else (network, other files)."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            final, body, mime = read(url)
            return URLFetcherResponse(final, body=body, headers={"Content-Type": mime})

    return SafeFetcher(allowed_protocols=("file", "data"), allow_redirects=False, fail_on_errors=True,
                       timeout=1)


def fatal_fetch_error() -> type[BaseException]:
    """The exception a fail-hard fetcher raises (it derives from BaseException)."""
    from weasyprint.urls import FatalURLFetchingError

    return FatalURLFetchingError


def font_configuration():
    """A new WeasyPrint font configuration."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


PDFUA_EXTENSION = """\
<rdf:Description xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" rdf:about=""
    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
  <pdfaExtension:schemas>
    <rdf:Bag>
      <rdf:li rdf:parseType="Resource">
        <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
        <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
        <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
        <pdfaSchema:property>
          <rdf:Seq>
            <rdf:li rdf:parseType="Resource">
              <pdfaProperty:name>part</pdfaProperty:name>
              <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
              <pdfaProperty:category>internal</pdfaProperty:category>
              <pdfaProperty:description>Part of ISO 14289 the document conforms to</pdfaProperty:description>
            </rdf:li>
          </rdf:Seq>
        </pdfaSchema:property>
      </rdf:li>
    </rdf:Bag>
  </pdfaExtension:schemas>
</rdf:Description>"""


XMP_NAMESPACES = {
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
}


def claim_pdfua(metadata) -> None:
    """Make WeasyPrint's own XMP packet (one rdf:RDF) also claim PDF/UA-1, with its PDF/A schema.

    WeasyPrint 70 builds the packet in ``DocumentMetadata.generate_rdf_metadata``; extra XMP given
    through ``xmp_metadata`` would land outside its rdf:RDF, where validators do not look.
    """
    for prefix, uri in XMP_NAMESPACES.items():
        ET.register_namespace(prefix, uri)
    original = metadata.generate_rdf_metadata
    include = metadata.include_in_pdf

    def generate(variant, version, conformance):
        rdf = ET.fromstring(original(variant, version, conformance))
        rdf.append(ET.fromstring(PDFUA_EXTENSION))
        claim = ET.SubElement(rdf, "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}Description")
        claim.set("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about", "")
        claim.set("{http://www.aiim.org/pdfua/ns/id/}part", "1")
        return ET.tostring(rdf, encoding="utf-8")

    def include_uncompressed(pdf, variant, version, conformance, compress):
        # PDF/A: the metadata stream must stay readable without filters.
        include(pdf, variant, version, conformance, False)

    metadata.generate_rdf_metadata = generate
    metadata.include_in_pdf = include_uncompressed


def finish(document, pdf) -> None:
    """PDF/UA asks viewers to show the title, not the file name."""
    import pydyf

    pdf.catalog["ViewerPreferences"] = pydyf.Dictionary({"DisplayDocTitle": "true"})
