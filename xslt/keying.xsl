<?xml version="1.0" encoding="UTF-8"?>
<!--
  What vendors' keying and the sciences write beside the usual TEI: TEI Tite's typographic
  elements (b, i, ul, sub, sup, smcap: the look of the print, shown with the classes hi takes,
  phrases.xsl; ornament, a printer's flower), formulas (MathML passed through as HTML's math,
  TeX and other notations shown as the code they are), and the editor's statements of certainty,
  precision and responsibility, which say something about the text and are none of its words.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ria="urn:revolution-in-arms"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:mml="http://www.w3.org/1998/Math/MathML"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- ================================================================ TEI Tite -->
  <!-- Each Tite element as the HTML element (and hi's classes) of the look it names. -->
  <xsl:variable name="tite-looks" select="map{
      'b': ('b', 'bold'), 'i': ('i', 'italic'), 'ul': ('span', 'underline'),
      'sub': ('sub', 'subscript'), 'sup': ('sup', 'superscript'), 'smcap': ('span', 'smallcaps')}"/>
  <xsl:template match="tei:b | tei:i | tei:ul | tei:sub | tei:sup | tei:smcap">
    <xsl:variable name="look" select="$tite-looks(local-name())"/>
    <xsl:element name="{$look[1]}">
      <xsl:attribute name="class" select="concat('hi ', $look[2])"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- A printer's ornament: what it holds (a figure, a rule of stars), or a fleuron standing for it,
       said to be an ornament; between blocks, a centred line of its own. -->
  <xsl:template match="tei:ornament">
    <xsl:element name="{if (ria:in-phrasing(.)) then 'span' else 'div'}">
      <xsl:attribute name="class" select="string-join(('ornament', @type ! replace(normalize-space(.), '[^\w-]+', '-'),
          if (ria:in-phrasing(.)) then () else 'align-center'), ' ')"/>
      <xsl:choose>
        <xsl:when test="normalize-space() or *"><xsl:apply-templates/></xsl:when>
        <xsl:otherwise>
          <span role="img" aria-label="{string-join(('ornament', @type ! concat('(', normalize-space(.), ')')), ' ')}">❦</span>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:element>
  </xsl:template>

  <!-- ================================================================ formulas -->
  <!-- MathML in a formula is HTML's own math: its elements as they are, in MathML's namespace
       (the page writes them without a prefix); a block formula outside a paragraph is a
       block of its own. Any other notation (TeX, a formula written out) is shown as written,
       code when it is a notation, its notation its title. -->
  <xsl:template match="tei:formula">
    <xsl:variable name="in-phrasing" select="ria:in-phrasing(.)"/>
    <xsl:variable name="notation" select="normalize-space(@notation)[. and lower-case(.) ne 'none']"/>
    <xsl:variable name="written">
      <xsl:choose>
        <xsl:when test="mml:math">
          <xsl:apply-templates select="mml:math" mode="mathml">
            <xsl:with-param name="block" select="not($in-phrasing)" tunnel="yes"/>
          </xsl:apply-templates>
        </xsl:when>
        <xsl:when test="$notation and not(*)">
          <code class="formula-notation" title="{$notation}"><xsl:value-of select="."/></code>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:element name="{if ($in-phrasing) then 'span' else 'div'}">
      <xsl:attribute name="class" select="string-join(('formula', $notation ! lower-case(.) ! replace(., '[^\w-]+', '-')), ' ')"/>
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:copy-of select="$written"/>
    </xsl:element>
  </xsl:template>
  <xsl:template match="mml:*" mode="mathml">
    <xsl:param name="block" as="xs:boolean" tunnel="yes" select="false()"/>
    <xsl:element name="{local-name()}" namespace="http://www.w3.org/1998/Math/MathML">
      <!-- (HTML takes MathML's own attributes, none in another namespace) -->
      <xsl:copy-of select="@*[namespace-uri() = '']"/>
      <xsl:if test="self::mml:math and $block and not(@display)"><xsl:attribute name="display">block</xsl:attribute></xsl:if>
      <xsl:apply-templates mode="mathml"/>
    </xsl:element>
  </xsl:template>
  <!-- (TEI written inside MathML's text, a name or a note: its words as text) -->
  <xsl:template match="*" mode="mathml">
    <xsl:value-of select="."/>
  </xsl:template>

  <!-- MathML standing without a formula around it. -->
  <xsl:template match="mml:math">
    <xsl:apply-templates select="." mode="mathml"/>
  </xsl:template>

  <!-- ================================================================ statements about the text -->
  <xsl:template match="tei:text//tei:certainty | tei:text//tei:precision | tei:text//tei:respons"/>
</xsl:stylesheet>
