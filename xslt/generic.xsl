<?xml version="1.0" encoding="UTF-8"?>
<!--
  Generic rules for TEI this edition does not use itself but other projects' texts do
  (letters: postscripts, deletions and additions, addresses, verse, referring strings).
  Each is a plain HTML rendering of the element's meaning; the edition's own elements
  keep their rules in the other stylesheets.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ria="urn:revolution-in-arms"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- A referring string ("my deputy", "the drama") names an entry without being a name. -->
  <xsl:template match="tei:rs">
    <span class="name rs"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:postscript">
    <div class="postscript"><xsl:apply-templates/></div>
  </xsl:template>

  <!-- The writer's own corrections, shown as made: struck through and inserted. -->
  <xsl:template match="tei:del">
    <del class="del"><xsl:apply-templates/></del>
  </xsl:template>
  <xsl:template match="tei:add">
    <ins class="add">
      <xsl:if test="@place"><xsl:attribute name="title" select="concat('added ', @place)"/></xsl:if>
      <xsl:apply-templates/>
    </ins>
  </xsl:template>

  <xsl:template match="tei:address">
    <span class="address"><xsl:apply-templates/></span>
  </xsl:template>
  <xsl:template match="tei:addrLine">
    <span class="addrLine"><xsl:apply-templates/></span><br/>
  </xsl:template>

  <xsl:template match="tei:lg">
    <div class="lg"><xsl:apply-templates/></div>
  </xsl:template>
  <xsl:template match="tei:l">
    <span class="l"><xsl:apply-templates/></span><br/>
  </xsl:template>

  <!-- Transcribed spacing is layout; a space keeps the words apart. -->
  <xsl:template match="tei:space">
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- A page break the source does not number: marked, not labelled with an empty number. -->
  <xsl:template match="tei:pb[not(@n)]" priority="2">
    <span class="pb pb-unnumbered" id="{ria:id(.)}" role="separator" aria-label="page break">|</span>
  </xsl:template>
</xsl:stylesheet>
