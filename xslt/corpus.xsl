<?xml version="1.0" encoding="UTF-8"?>
<!--
  A foreign corpus's text → the parts of a reading page (run by the corpus build, ria/corpus/).

  It is the edition's stylesheet (imported, so every rule of it applies) with the few
  rules a corpus needs instead: names and referring strings link to the corpus's own
  registers, which are split by initial, and the copies of register entries that a
  text may carry in its back matter are left to the register pages.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ria="urn:revolution-in-arms"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:import href="text.xsl"/>
  <!-- Again here, so that an id is kept on what this stylesheet's own rules render (a name). -->
  <xsl:include href="anchors.xsl"/>

  <!-- A text's own copy of register entries (listPerson … in back) is not part of its reading:
       the register pages show them. -->
  <xsl:template match="tei:back/tei:listPerson | tei:back/tei:listPlace | tei:back/tei:listOrg
      | tei:back/tei:listBibl | tei:back/tei:listEvent"/>

  <!-- A name with a pointer links to its entry's page, which the entry-pages parameter names for
       each entry this text points to; the name's id is its anchor as the index lists it (@ria:mention,
       written by the transform from ria/model/mentions.py), so the entry links back to it. -->
  <xsl:template match="tei:rs[@ref] | tei:persName[@ref] | tei:placeName[@ref] | tei:orgName[@ref]">
    <xsl:variable name="entry" select="substring-after(tokenize(normalize-space(@ref), ' ')[1], '#')"/>
    <xsl:choose>
      <xsl:when test="not(ancestor::tei:text)">
        <span class="name"><xsl:apply-templates/></span>
      </xsl:when>
      <!-- A name inside a link or a linked name cannot be a link itself. -->
      <xsl:when test="map:contains($pages, $entry) and not(ancestor::tei:ref[@target])
          and not(ancestor::*[self::tei:rs or self::tei:persName or self::tei:placeName or self::tei:orgName]
                  [map:contains($pages, substring-after(tokenize(normalize-space(@ref), ' ')[1], '#'))])">
        <a class="name {substring-before($pages($entry), '/')}" href="{$root}{$pages($entry)}.html"
           data-ref="{$entry}">
          <xsl:if test="@ria:mention"><xsl:attribute name="id" select="@ria:mention"/></xsl:if>
          <xsl:apply-templates/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="name">
          <xsl:if test="@ria:mention"><xsl:attribute name="id" select="@ria:mention"/></xsl:if>
          <xsl:apply-templates/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
