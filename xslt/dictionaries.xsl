<?xml version="1.0" encoding="UTF-8"?>
<!--
  Dictionaries (as FreeDict and lexica encode them): an entry is a block of its own; its
  headword's forms, its grammar, definitions, translations, usage labels and cross-references
  are phrases of it; each sense is a block under the headword. Parts the source writes side by
  side without a space between (<pos>n</pos><gen>m</gen>) are kept apart by one.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ria="urn:revolution-in-arms"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:variable name="dictionary-labels" select="map{
      'alternative-form': ', ',
      'sense-number': '.'}"/>

  <!-- The phrases of an entry: inline, each in a span named after its element. -->
  <xsl:variable name="dictionary-phrases" as="xs:string*" select="(
      'form', 'orth', 'pron', 'hyph', 'syll', 'stress', 'gramGrp', 'pos', 'subc', 'gen', 'number', 'case',
      'per', 'tns', 'mood', 'iType', 'gram', 'colloc', 'def', 'usg', 'lbl', 'xr', 'etym', 'lang', 'oRef', 'pRef')"/>

  <!-- An entry (and an entry of entries, a related entry): a block, or a phrase where a block may not stand. -->
  <xsl:template match="tei:entry | tei:entryFree | tei:superEntry | tei:re">
    <xsl:element name="{if (ria:in-phrasing(.)) then 'span' else 'div'}">
      <xsl:attribute name="class" select="local-name()"/>
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- A sense is a block under its headword, numbered as the source numbers it (@n). -->
  <xsl:template match="tei:sense">
    <xsl:element name="{if (ria:in-phrasing(.)) then 'span' else 'div'}">
      <xsl:attribute name="class">sense</xsl:attribute>
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:if test="normalize-space(@n)">
        <span class="sense-n"><xsl:value-of select="concat(normalize-space(@n), $dictionary-labels('sense-number'))"/></span>
        <xsl:text> </xsl:text>
      </xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- The headword and what is said of it. -->
  <xsl:template match="tei:*[local-name() = $dictionary-phrases][ancestor::tei:entry or ancestor::tei:entryFree
      or ancestor::tei:superEntry]">
    <xsl:call-template name="dictionary-space"/>
    <span class="{local-name()}">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:call-template name="dictionary-language"/>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- A second spelling of the headword follows the first after a comma. -->
  <xsl:template match="tei:form/tei:orth[preceding-sibling::tei:orth]" priority="1">
    <span class="separator"><xsl:value-of select="$dictionary-labels('alternative-form')"/></span>
    <span class="orth"><xsl:call-template name="dictionary-language"/><xsl:apply-templates/></span>
  </xsl:template>

  <!-- A spelling, a root, a translation in a language of its own (VICAV writes each headword in
       Arabic script and in transcription, <orth xml:lang="ar">, <orth xml:lang="ar-arz-x-cairo-vicav">)
       says its language. Where that language or the one around it is written from right to left,
       its words are set apart in the direction their letters take: the tag does not say which script
       they are in (VICAV's transcription is in Latin letters), and unset, an Arabic spelling's
       brackets and the comma after it would be reordered with the words around. -->
  <xsl:template name="dictionary-language">
    <xsl:if test="normalize-space(@xml:lang)">
      <xsl:variable name="lang" select="ria:lang(normalize-space(@xml:lang))"/>
      <xsl:variable name="around" select="(ancestor::*[normalize-space(@xml:lang)][1]/@xml:lang ! ria:lang(normalize-space(.)),
          /tei:TEI/@xml:lang, '')[1]"/>
      <xsl:attribute name="lang" select="$lang"/>
      <xsl:if test="ria:direction($lang) = 'rtl' or ria:direction($around) = 'rtl'">
        <xsl:attribute name="dir" select="'auto'"/>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- A translation or an example in an entry is a phrase of it, not a block quotation. -->
  <xsl:template match="tei:cit[ancestor::tei:entry or ancestor::tei:entryFree or ancestor::tei:superEntry]" priority="1.5">
    <xsl:call-template name="dictionary-space"/>
    <span class="{string-join(('cit', @type), ' ')}">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>
  <xsl:template match="tei:cit[ancestor::tei:entry or ancestor::tei:entryFree or ancestor::tei:superEntry]/tei:quote" priority="4">
    <xsl:call-template name="dictionary-space"/>
    <span class="quote"><xsl:call-template name="dictionary-language"/><xsl:apply-templates/></span>
  </xsl:template>

  <!-- One space before a part that follows another with nothing between them in the source
       (none after an opening bracket: tokens.xsl). -->
  <xsl:template name="dictionary-space">
    <xsl:if test="preceding-sibling::node()[1][self::*][not(self::tei:pc[matches(normalize-space(.), $opening-marks)])]">
      <xsl:text> </xsl:text>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
