<?xml version="1.0" encoding="UTF-8"?>
<!--
  TEI text → the parts of a reading page (XSLT 3.0, run by ria/publish/transform.py).

  The result is a <parts> document whose children the page shell (theme/templates)
  places: the table of contents, the text, the notes, the apparatus and the
  bibliographic data. Each concern has its own stylesheet; this one only
  assembles them.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ria="urn:revolution-in-arms"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- What the modules count in one pass over the document: the notes (notes.xsl), the
       interventions (apparatus.xsl) and the witnesses' readings (variants.xsl). -->
  <xsl:mode use-accumulators="numbered-notes edition-notes interventions-begun variants-begun"/>
  <xsl:include href="common.xsl"/>
  <xsl:include href="body.xsl"/>
  <xsl:include href="names.xsl"/>
  <xsl:include href="notes.xsl"/>
  <xsl:include href="apparatus.xsl"/>
  <xsl:include href="header.xsl"/>
  <xsl:include href="generic.xsl"/>
  <xsl:include href="withheld.xsl"/>
  <xsl:include href="content-model.xsl"/>
  <xsl:include href="phrases.xsl"/>
  <xsl:include href="drama.xsl"/>
  <xsl:include href="letters.xsl"/>
  <xsl:include href="spoken.xsl"/>
  <xsl:include href="spoken-iso.xsl"/>
  <xsl:include href="dictionaries.xsl"/>
  <xsl:include href="manuscripts.xsl"/>
  <xsl:include href="charters.xsl"/>
  <xsl:include href="records.xsl"/>
  <xsl:include href="bibliography.xsl"/>
  <xsl:include href="page-ids.xsl"/>
  <xsl:include href="facsimile.xsl"/>
  <xsl:include href="profile.xsl"/>
  <xsl:include href="tokens.xsl"/>
  <xsl:include href="levels.xsl"/>
  <xsl:include href="characters.xsl"/>
  <xsl:include href="variants.xsl"/>
  <xsl:include href="sourcedoc.xsl"/>
  <xsl:include href="epigraphy.xsl"/>
  <xsl:include href="breaks.xsl"/>
  <xsl:include href="references.xsl"/>
  <xsl:include href="anchors.xsl"/>
  <xsl:include href="cbeta.xsl"/>
  <xsl:include href="standoff.xsl"/>
  <xsl:include href="trials.xsl"/>
  <xsl:include href="languages.xsl"/>
  <xsl:include href="keying.xsl"/>

  <!-- True when a public build may not publish this text's words (see ria/model/rights.py). -->
  <xsl:param name="withheld" as="xs:boolean" select="false()"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no" omit-xml-declaration="yes"/>

  <xsl:template match="/">
    <parts>
      <part name="toc"><xsl:apply-templates select="tei:TEI/tei:text" mode="toc"/></part>
      <part name="text"><xsl:apply-templates select="tei:TEI/(tei:sourceDoc, tei:text, tei:facsimile[ria:embeds-transcription(.)])"/></part>
      <part name="notes"><xsl:call-template name="notes-section"/></part>
      <!-- (a section of its own: a text with annotations and no notes has no "Notes") -->
      <part name="annotations"><xsl:call-template name="annotations-section"/></part>
      <part name="apparatus"><xsl:call-template name="apparatus-section"/></part>
      <part name="about"><xsl:apply-templates select="tei:TEI/tei:teiHeader"/></part>
    </parts>
  </xsl:template>

  <xsl:template match="document-node()[$withheld]" priority="1">
    <parts>
      <part name="toc"><xsl:apply-templates select="tei:TEI/tei:text" mode="toc"/></part>
      <part name="text"><xsl:apply-templates select="tei:TEI/tei:text" mode="withheld"/></part>
      <part name="notes"><xsl:call-template name="withheld-notes-section"/></part>
      <part name="annotations"/>
      <part name="apparatus"/>
      <part name="about"><xsl:apply-templates select="tei:TEI/tei:teiHeader"/></part>
    </parts>
  </xsl:template>
</xsl:stylesheet>
