<?xml version="1.0" encoding="UTF-8"?>
<!--
  Words transcribed on several levels at once (Menota: me:facs, me:dipl and me:norm in each w
  or pc, with or without a choice around them). The reading text shows the normalised level,
  the diplomatic view the diplomatic one, through the page's view switch (the same classes as a
  correction's readings); a level the file leaves out falls back to the next closer to the
  page. The facsimile level, the diplomatic level's letter forms with their abbreviation signs,
  is not shown a second time.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ria="urn:revolution-in-arms"
    xmlns:me="http://www.menota.org/ns/1.0"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:template match="*[me:facs | me:dipl | me:norm | tei:choice/(me:facs | me:dipl | me:norm)]" priority="2">
    <xsl:variable name="levels" select="(me:facs | me:dipl | me:norm | tei:choice/(me:facs | me:dipl | me:norm))"/>
    <xsl:variable name="normalised" select="($levels[self::me:norm], $levels[self::me:dipl], $levels[self::me:facs])[1]"/>
    <xsl:variable name="diplomatic" select="($levels[self::me:dipl], $levels[self::me:facs], $levels[self::me:norm])[1]"/>
    <span class="app levels {local-name()}">
      <span class="reading"><xsl:apply-templates select="$normalised/node()"/></span>
      <span class="original"><xsl:apply-templates select="$diplomatic/node()"/></span>
    </span>
  </xsl:template>

  <!-- An abbreviation expanded by the editor: its letters in italics, as printed editions set them. -->
  <xsl:template match="tei:ex">
    <i class="ex"><xsl:apply-templates/></i>
  </xsl:template>
  <!-- The abbreviation's mark and the editor's expansion in one expan ("<expan><abbr>R<am>.</am></abbr>
       <ex>egiments</ex></expan>"): the reading text shows the expansion ("Regiments"), the diplomatic
       view the mark ("R."), as a correction's readings are switched. (In a choice of abbr and expan,
       the choice switches them already.) -->
  <xsl:template match="tei:am[not(ancestor::tei:choice[tei:abbr or tei:expan])][ancestor::tei:expan[1]//tei:ex]">
    <span class="app am"><span class="original"><xsl:apply-templates/></span></span>
  </xsl:template>
  <xsl:template match="tei:ex[not(ancestor::tei:choice[tei:abbr or tei:expan])][ancestor::tei:expan[1]//tei:am]">
    <span class="app ex"><span class="reading"><xsl:next-match/></span></span>
  </xsl:template>
</xsl:stylesheet>
