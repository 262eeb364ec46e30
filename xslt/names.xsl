<?xml version="1.0" encoding="UTF-8"?>
<!-- Names of persons, places and organisations: each links to its entry in the index. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ria="urn:revolution-in-arms"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- Mentions are numbered in document order (m1, m2 …), as the index stage numbers them,
       so that an index entry links to the exact mention. -->
  <xsl:accumulator name="mention" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:text//tei:persName[@ref] | tei:text//tei:placeName[@ref] | tei:text//tei:orgName[@ref]"
                          select="$value + 1"/>
  </xsl:accumulator>
  <xsl:mode use-accumulators="mention"/>
  <xsl:key name="ids" match="*[@xml:id]" use="@xml:id"/>

  <xsl:template match="tei:persName[@ref] | tei:placeName[@ref] | tei:orgName[@ref]">
    <xsl:variable name="entry" select="substring-after(tokenize(@ref, ' ')[1], '#')"/>
    <xsl:variable name="page" select="ria:index-page(.)"/>
    <!-- A name may point to an agent the header defines (a translator); it links to the text's description. -->
    <xsl:variable name="href" select="if (key('ids', $entry)) then '#about-text' else concat($root, $page, '.html#', $entry)"/>
    <a class="name {$page}" href="{$href}" data-ref="{$entry}">
      <xsl:if test="ancestor::tei:text">
        <xsl:attribute name="id" select="concat('m', accumulator-before('mention'))"/>
      </xsl:if>
      <xsl:apply-templates/>
    </a>
  </xsl:template>

  <!-- A name inside a link cannot be a link itself. -->
  <xsl:template match="tei:ref//tei:persName | tei:ref//tei:placeName | tei:ref//tei:orgName" priority="2">
    <span class="name">
      <xsl:if test="@ref and ancestor::tei:text">
        <xsl:attribute name="id" select="concat('m', accumulator-before('mention'))"/>
      </xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- A named event links to its entry in the register of events. -->
  <xsl:template match="tei:name[@ref][exists(ria:href(., tokenize(@ref, ' ')[1]))]">
    <a class="name events" href="{ria:href(., tokenize(@ref, ' ')[1])}"><xsl:apply-templates/></a>
  </xsl:template>

  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:name">
    <span class="name"><xsl:apply-templates/></span>
  </xsl:template>
</xsl:stylesheet>
