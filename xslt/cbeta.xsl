<?xml version="1.0" encoding="UTF-8"?>
<!--
  The Chinese Buddhist canon as CBETA encodes it: TEI with elements of CBETA's own namespace
  (cb:) where TEI's rules were too strict for the canon's many structures. A cb:div is a
  division as TEI's div is (ria:is-division, body.xsl), its cb:mulu the entry the table of
  contents gives it, not words of the reading. A fascicle (juan) opens and closes with a
  heading line of its own (cb:jhead); a text opens with its number in the canon
  (cb:docNumber). A bilingual pair (cb:tt: a Siddham syllable and its Chinese transcription)
  keeps each side's language; a syllable's reading hint (cb:yin's cb:sg, "引", "二合") is a
  small annotation after it.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:cb="http://www.cbeta.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ria="urn:revolution-in-arms"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:template match="cb:div">
    <section id="{ria:id(.)}">
      <xsl:attribute name="class" select="string-join(('div', tokenize(normalize-space(@type), ' ')[matches(., '^[\w-]+$')] ! concat('div-', .)), ' ')"/>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <!-- The table of contents' entry: its words, else its label (ria:div-title, body.xsl). -->
  <xsl:template match="cb:mulu"/>
  <xsl:function name="ria:mulu-title" as="xs:string?">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="($div/cb:mulu ! normalize-space((normalize-space(.)[.], @label)[1]))[.][1]"/>
  </xsl:function>

  <xsl:template match="cb:juan">
    <xsl:element name="{if (ria:in-phrasing(.)) then 'span' else 'div'}">
      <xsl:attribute name="class" select="concat('juan juan-', if (@fun = 'close') then 'close' else 'open')"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>
  <xsl:template match="cb:jhead | cb:docNumber">
    <xsl:element name="{if (ria:in-phrasing(.)) then 'span' else 'p'}">
      <xsl:attribute name="class" select="local-name()"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="cb:tt">
    <span class="tt"><xsl:apply-templates/></span>
  </xsl:template>
  <xsl:template match="cb:t">
    <xsl:if test="preceding-sibling::cb:t"><xsl:text> </xsl:text></xsl:if>
    <span class="t">
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="ria:lang(@xml:lang)"/></xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>
  <xsl:template match="cb:sg">
    <small class="sg"><xsl:apply-templates/></small>
  </xsl:template>
</xsl:stylesheet>
