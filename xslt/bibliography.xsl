<?xml version="1.0" encoding="UTF-8"?>
<!--
  A structured bibliographic entry in the text (biblStruct: an article's works cited, a Zotero
  export's list): its parts, the article (analytic), the book or journal it is in (monogr) and
  the series, read as a citation does, each field set apart ("Doe, Jane. An Article. In:
  Journal. vol. 3, pp. 1-10, 1900. 10.1/x"), not their words run together as the fields' spans
  would; its xml:id is where a reference to it leads.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ria="urn:revolution-in-arms"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:variable name="citation-labels" select="map{
      'in': 'In: ', 'edited': ' (ed.)',
      'volume': 'vol. ', 'issue': 'no. ', 'page': 'pp. ', 'chapter': 'ch. '}"/>
  <xsl:variable name="scope-units" select="map{
      'volume': 'volume', 'vol': 'volume', 'issue': 'issue', 'number': 'issue', 'no': 'issue',
      'page': 'page', 'pages': 'page', 'pp': 'page', 'chapter': 'chapter'}"/>

  <xsl:template match="tei:text//tei:biblStruct">
    <cite class="bibl bibl-struct">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:for-each select="*">
        <xsl:if test="position() gt 1"><xsl:text> </xsl:text></xsl:if>
        <xsl:choose>
          <xsl:when test="self::tei:analytic or self::tei:monogr or self::tei:series">
            <xsl:if test="self::tei:monogr and preceding-sibling::tei:analytic"><xsl:value-of select="$citation-labels('in')"/></xsl:if>
            <xsl:call-template name="citation-part"/>
          </xsl:when>
          <xsl:otherwise>
            <xsl:apply-templates select="." mode="citation-field"/>
            <xsl:call-template name="citation-stop"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </cite>
  </xsl:template>

  <!-- Who (authors; editors), then each title, then the rest in its order: each a sentence. -->
  <xsl:template name="citation-part">
    <xsl:variable name="names" select="tei:author | tei:editor | tei:respStmt"/>
    <xsl:for-each select="$names">
      <xsl:if test="position() gt 1"><xsl:text>; </xsl:text></xsl:if>
      <xsl:apply-templates select="."/>
      <xsl:if test="self::tei:editor"><xsl:value-of select="$citation-labels('edited')"/></xsl:if>
    </xsl:for-each>
    <xsl:for-each select="$names[last()]"><xsl:call-template name="citation-stop"/></xsl:for-each>
    <xsl:for-each select="* except $names">
      <xsl:if test="not(position() = 1 and empty($names))"><xsl:text> </xsl:text></xsl:if>
      <xsl:apply-templates select="." mode="citation-field"/>
      <xsl:call-template name="citation-stop"/>
    </xsl:for-each>
  </xsl:template>

  <!-- A field ends with a full stop, unless its words end with a mark of their own. -->
  <xsl:template name="citation-stop">
    <xsl:if test="normalize-space() and not(matches(normalize-space(), '[.!?]$'))"><xsl:text>.</xsl:text></xsl:if>
  </xsl:template>

  <xsl:template match="*" mode="citation-field">
    <xsl:apply-templates select="."/>
  </xsl:template>
  <!-- "London: Publisher, 1800", and the volume and pages the imprint holds. -->
  <xsl:template match="tei:imprint" mode="citation-field">
    <xsl:for-each select="*[normalize-space() or @when or @from or @to]">
      <xsl:if test="position() gt 1">
        <xsl:value-of select="if (self::tei:publisher and preceding-sibling::*[1][self::tei:pubPlace]) then ': ' else ', '"/>
      </xsl:if>
      <xsl:apply-templates select="." mode="citation-field"/>
    </xsl:for-each>
  </xsl:template>
  <!-- A bare number of a volume, an issue or pages is said as such: "vol. 3", "pp. 1-10". -->
  <xsl:template match="tei:biblScope" mode="citation-field">
    <xsl:variable name="unit" select="$scope-units(lower-case(normalize-space(@unit)))"/>
    <xsl:if test="exists($unit) and not(matches(., '\p{L}'))"><xsl:value-of select="$citation-labels($unit)"/></xsl:if>
    <xsl:choose>
      <!-- GROBID's pages are only attributes: <biblScope unit="page" from="5998" to="6008"/>. -->
      <xsl:when test="not(normalize-space()) and (@from or @to)">
        <span class="biblScope"><xsl:value-of select="string-join(distinct-values((@from, @to) ! normalize-space()), '–')"/></span>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates select="."/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <!-- A DOI is where the work is found. -->
  <xsl:template match="tei:idno[lower-case(@type) = 'doi'][matches(normalize-space(), '^10\.\S+$')]" mode="citation-field">
    <a class="idno" href="https://doi.org/{normalize-space()}"><xsl:value-of select="normalize-space()"/></a>
  </xsl:template>
</xsl:stylesheet>
