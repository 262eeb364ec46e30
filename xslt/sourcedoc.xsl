<?xml version="1.0" encoding="UTF-8"?>
<!--
  A transcription of the document as it lies on the page (TEI's sourceDoc): its surfaces
  (pages, leaves), the zones on them (the main text, a margin, a library's foliation) and
  the lines in each zone, with the writer's revisions (mod: a deletion and what replaced it)
  and marks about the writing (metamark). A surface shows its image beside its lines where
  it has one. Parts another file was to supply (xi:include) are said to be missing, not
  silently left out: the build reads no file but the one it publishes.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ria="urn:revolution-in-arms"
    xmlns:xi="http://www.w3.org/2001/XInclude"
    xmlns:f="http://www.faustedition.net/ns"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:variable name="sourcedoc-labels" select="map{
      'surface': 'Surface',
      'included': 'Not published here: a part included from ',
      'included-parts': 'Not published here: the parts included from '}"/>

  <xsl:template match="tei:sourceDoc">
    <div class="sourceDoc">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <!-- TEI's embedded transcription: a facsimile whose zones hold the lines' words, and no text
       besides (what OCR tools such as Nidaba export). It is the document's transcription, shown as
       a sourceDoc is; where the document has a text too, the text is its transcription. -->
  <xsl:function name="ria:embeds-transcription" as="xs:boolean">
    <xsl:param name="facsimile" as="element(tei:facsimile)"/>
    <xsl:sequence select="empty($facsimile/../(tei:text | tei:sourceDoc)) and exists($facsimile//tei:line[normalize-space()])"/>
  </xsl:function>
  <xsl:template match="tei:facsimile">
    <div class="sourceDoc facsimile">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates select="* except tei:desc"/>
    </div>
  </xsl:template>

  <!-- A page of the document, named by its number or label where it has one. -->
  <xsl:template match="tei:sourceDoc//tei:surface | tei:sourceDoc//tei:surfaceGrp | tei:facsimile//tei:surface | tei:facsimile//tei:surfaceGrp">
    <div class="{local-name()}">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:for-each select="(@n, tei:label)[normalize-space()][1]">
        <p class="surface-label" lang="en"><xsl:value-of select="$sourcedoc-labels('surface'), normalize-space(.)"/></p>
      </xsl:for-each>
      <xsl:apply-templates select="node() except tei:label"/>
    </div>
  </xsl:template>

  <!-- An area of the page: a block of lines; a zone within a line is a phrase of it. -->
  <xsl:template match="tei:zone[ancestor::tei:sourceDoc or ancestor::tei:facsimile]">
    <xsl:element name="{if (ria:in-phrasing(.)) then 'span' else 'div'}">
      <xsl:attribute name="class" select="string-join(('zone', @type ! concat('zone-', .)), ' ')"/>
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- A line of writing as it stands on the page. -->
  <xsl:template match="tei:line">
    <xsl:choose>
      <xsl:when test="ria:in-phrasing(.)">
        <span class="line"><xsl:apply-templates/></span><br/>
      </xsl:when>
      <xsl:otherwise>
        <div class="line"><xsl:apply-templates/></div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A revision: its deletions and additions keep their own rules (generic.xsl). -->
  <xsl:template match="tei:mod">
    <span class="mod"><xsl:apply-templates/></span>
  </xsl:template>
  <!-- A revision that is itself a striking out (the Faust-Edition's <mod rend="strikethrough">’</mod>,
       nothing in it but what was struck): a deletion. -->
  <xsl:template match="tei:mod[not(tei:del | tei:add)][ria:rend-classes(.) = 'strikethrough']" priority="1">
    <del class="mod"><xsl:apply-templates/></del>
  </xsl:template>

  <!-- Letters written over others (the Faust-Edition's <f:overw><f:under>u</f:under><f:over>ü</f:over></f:overw>):
       what was overwritten is struck, what overwrote it read, each apart from the other; the
       whitespace between them is the file's layout. -->
  <xsl:template match="f:overw">
    <span class="overwrite">
      <xsl:for-each select="*">
        <xsl:choose>
          <xsl:when test="self::f:under"><del class="overwritten"><xsl:apply-templates/></del></xsl:when>
          <xsl:when test="self::f:over"><ins class="overwriting"><xsl:apply-templates/></ins></xsl:when>
          <xsl:otherwise><xsl:apply-templates select="."/></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </span>
  </xsl:template>
  <xsl:template match="tei:metamark">
    <span class="metamark">
      <xsl:if test="@function"><xsl:attribute name="title" select="@function"/></xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- A run of inclusions (a notebook's pages, one file each) is said once, with every file. -->
  <xsl:template match="xi:include[preceding-sibling::*[1][self::xi:include]]"/>
  <xsl:template match="xi:include">
    <xsl:variable name="run" select="(., following-sibling::*) except
        following-sibling::*[not(self::xi:include)][1]/(., following-sibling::*)"/>
    <xsl:element name="{if (ria:in-phrasing(.)) then 'span' else 'p'}">
      <xsl:attribute name="class">included</xsl:attribute>
      <xsl:attribute name="lang">en</xsl:attribute>
      <xsl:value-of select="if (count($run) gt 1) then $sourcedoc-labels('included-parts') else $sourcedoc-labels('included')"/>
      <xsl:for-each select="$run">
        <xsl:if test="position() gt 1"><xsl:text>, </xsl:text></xsl:if>
        <code><xsl:value-of select="@href"/></code>
      </xsl:for-each>
    </xsl:element>
  </xsl:template>
</xsl:stylesheet>
