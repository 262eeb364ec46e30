<?xml version="1.0" encoding="UTF-8"?>
<!--
  A manuscript's (or an inscribed object's) description in the header's source (msDesc, as
  manuscript catalogues, EpiDoc and letter editions write it): rows of the about part
  (profile.xsl) that say where the object is kept and under which shelfmark, what it holds,
  what it is made of and looks like, and where and when it was made and has been since.
  For a catalogue record the description is all there is to read.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ria="urn:revolution-in-arms"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:variable name="manuscript-labels" select="map{
      'identifier': 'Manuscript',
      'contents': 'Contents',
      'physical': 'Physical description',
      'origin': 'Origin',
      'provenance': 'Provenance',
      'separator': ', '}"/>

  <xsl:template match="tei:msDesc" mode="about-lead">
    <xsl:variable name="description" select="."/>
    <xsl:for-each select="tei:msIdentifier[normalize-space()]">
      <dt><xsl:value-of select="$manuscript-labels('identifier')"/></dt>
      <dd><xsl:call-template name="manuscript-parts">
        <xsl:with-param name="parts" select="(tei:country, tei:region, tei:settlement, tei:institution, tei:repository,
            tei:collection, tei:idno, tei:msName, tei:altIdentifier/tei:idno)"/>
      </xsl:call-template></dd>
    </xsl:for-each>
    <xsl:for-each select="(tei:msContents, tei:msPart/tei:msContents)[normalize-space()][1]">
      <dt><xsl:value-of select="$manuscript-labels('contents')"/></dt>
      <dd>
        <xsl:apply-templates select="tei:summary" mode="header-inline"/>
        <xsl:if test="$description//tei:msItem">
          <ul class="ms-items">
            <xsl:for-each select="$description//tei:msItem[not(tei:msItem)]">
              <li><xsl:call-template name="manuscript-parts">
                <xsl:with-param name="parts" select="(tei:locus, tei:author, tei:title, tei:rubric, tei:incipit,
                    tei:explicit, tei:textLang, tei:note, tei:p)"/>
              </xsl:call-template></li>
            </xsl:for-each>
          </ul>
        </xsl:if>
      </dd>
    </xsl:for-each>
    <xsl:for-each select="tei:physDesc[normalize-space()]">
      <dt><xsl:value-of select="$manuscript-labels('physical')"/></dt>
      <dd><xsl:call-template name="manuscript-parts">
        <xsl:with-param name="parts" select="(.//tei:support, .//tei:extent, .//tei:foliation, .//tei:collation,
            .//tei:condition, .//tei:layout, .//tei:handNote, .//tei:decoNote, .//tei:bindingDesc, tei:p)"/>
      </xsl:call-template></dd>
    </xsl:for-each>
    <xsl:for-each select="tei:history/tei:origin[normalize-space()]">
      <dt><xsl:value-of select="$manuscript-labels('origin')"/></dt>
      <dd><xsl:call-template name="header-children"/></dd>
    </xsl:for-each>
    <xsl:for-each select="tei:history/(tei:provenance, tei:acquisition)[normalize-space()]">
      <dt><xsl:value-of select="$manuscript-labels('provenance')"/></dt>
      <dd><xsl:call-template name="header-children"/></dd>
    </xsl:for-each>
  </xsl:template>

  <!-- Measurements read as they are printed: 135 × 102 mm. -->
  <xsl:template match="tei:dimensions[tei:height | tei:width | tei:depth | tei:dim]" mode="header-inline">
    <xsl:variable name="values" select="(tei:height, tei:width, tei:depth, tei:dim)[normalize-space()]"/>
    <xsl:value-of select="string-join($values ! normalize-space(.), ' × ')"/>
    <xsl:for-each select="(@unit, $values[1]/@unit)[normalize-space()][1]">
      <xsl:value-of select="concat(' ', .)"/>
    </xsl:for-each>
  </xsl:template>

  <!-- The parts that say something, in the order given, one after the other. -->
  <xsl:template name="manuscript-parts">
    <xsl:param name="parts" as="element()*"/>
    <xsl:for-each select="$parts[normalize-space()]">
      <xsl:if test="position() gt 1"><xsl:value-of select="$manuscript-labels('separator')"/></xsl:if>
      <span class="{local-name()}"><xsl:call-template name="header-children"/></span>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
