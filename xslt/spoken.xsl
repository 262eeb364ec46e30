<?xml version="1.0" encoding="UTF-8"?>
<!--
  Transcribed speech (as Parla-CLARIN's parliamentary records and spoken corpora encode it):
  each utterance is a block led by who speaks; what happens around the words (applause, an
  interjection, a noise) is set apart as a stage direction is. The speaker is named by the
  transcript's own label (a note of type "speaker" before the utterance) where it has one,
  else by the character or person the utterance's @who points to (drama.xsl).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ria="urn:revolution-in-arms"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:variable name="spoken-labels" select="map{'pause': 'pause'}"/>

  <!-- The transcript's label of who speaks next. -->
  <xsl:function name="ria:is-speaker-label" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="exists($note[self::tei:note][@type = 'speaker'][following-sibling::*[1][self::tei:u]])"/>
  </xsl:function>

  <xsl:template match="tei:u">
    <xsl:variable name="phrase" select="ria:in-phrasing(.)"/>
    <xsl:element name="{if ($phrase) then 'span' else 'div'}">
      <xsl:attribute name="class">u</xsl:attribute>
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:if test="normalize-space(@who)">
        <xsl:attribute name="data-who" select="string-join(tokenize(normalize-space(@who), ' ') ! replace(., '^#', ''), ' ')"/>
      </xsl:if>
      <!-- Without a label of its own, the utterance is led by the names its @who points to. -->
      <xsl:if test="normalize-space(@who) and not(preceding-sibling::*[1][ria:is-speaker-label(.)])">
        <xsl:element name="{if ($phrase) then 'span' else 'p'}">
          <xsl:attribute name="class">speaker</xsl:attribute>
          <xsl:variable name="utterance" select="."/>
          <xsl:for-each select="tokenize(normalize-space(@who), ' ')">
            <xsl:if test="position() gt 1"><xsl:text>, </xsl:text></xsl:if>
            <xsl:variable name="href" select="ria:who-href($utterance, .)"/>
            <xsl:variable name="name" select="ria:character-name($utterance, replace(., '^#', ''))"/>
            <xsl:choose>
              <xsl:when test="$href"><a class="who" href="{$href}"><xsl:value-of select="$name"/></a></xsl:when>
              <xsl:otherwise><xsl:value-of select="$name"/></xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </xsl:element>
      </xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- The transcript's speaker label leads the utterance, as a play's speaker leads a speech. -->
  <xsl:template match="tei:note[ria:is-speaker-label(.)]" priority="3">
    <xsl:element name="{if (ria:in-phrasing(.)) then 'span' else 'p'}">
      <xsl:attribute name="class">speaker</xsl:attribute>
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- What happens around the words: described (its desc), else named by its type. -->
  <xsl:template match="tei:kinesic | tei:vocal | tei:incident">
    <xsl:text> </xsl:text>
    <span class="{string-join(('incident', local-name(), tokenize(normalize-space(@type), ' ')[matches(., '^[\w-]+$')]), ' ')}">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:choose>
        <xsl:when test="normalize-space(.)"><xsl:apply-templates/></xsl:when>
        <xsl:otherwise><xsl:value-of select="concat('[', (normalize-space(@type)[.], local-name())[1], ']')"/></xsl:otherwise>
      </xsl:choose>
    </span>
    <xsl:text> </xsl:text>
  </xsl:template>
  <xsl:template match="tei:pause">
    <xsl:text> </xsl:text>
    <span class="incident pause"><xsl:value-of select="concat('[', $spoken-labels('pause'), ']')"/></span>
    <xsl:text> </xsl:text>
  </xsl:template>
</xsl:stylesheet>
