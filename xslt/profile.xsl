<?xml version="1.0" encoding="UTF-8"?>
<!--
  What the header's profile and facsimile say about a text, as rows of the about part's
  metadata list (header.xsl): a letter's correspondents (letters.xsl), a play's characters
  (drama.xsl), facsimile images no page break points to (facsimile.xsl), the description of the
  manuscript the source is (manuscripts.xsl), the witnesses it is edited from and the
  summary of a charter (charters.xsl). Each family adds
  rows through a mode: "about-lead" rows follow the title and authors, "about-tail" rows
  end the list. A header with nothing for them renders exactly as header.xsl makes it.
  A paragraph of the header that holds a list becomes a block here too.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:ria="urn:revolution-in-arms"
    xmlns:h="http://www.w3.org/1999/xhtml"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:mode name="about-lead" on-no-match="deep-skip"/>
  <xsl:mode name="about-tail" on-no-match="deep-skip"/>
  <xsl:mode name="add-about-rows" on-no-match="shallow-copy"/>

  <xsl:template match="tei:teiHeader" priority="1">
    <xsl:variable name="sources" select="tei:profileDesc/*, ../tei:facsimile, tei:fileDesc/tei:sourceDesc/(tei:msDesc, tei:listWit)"/>
    <xsl:variable name="lead" as="element()*"><xsl:apply-templates select="$sources" mode="about-lead"/></xsl:variable>
    <xsl:variable name="tail" as="element()*"><xsl:apply-templates select="$sources" mode="about-tail"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="empty(($lead, $tail))"><xsl:next-match/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="about"><xsl:next-match/></xsl:variable>
        <xsl:apply-templates select="$about/node()" mode="add-about-rows">
          <xsl:with-param name="lead" select="$lead" tunnel="yes"/>
          <xsl:with-param name="tail" select="$tail" tunnel="yes"/>
        </xsl:apply-templates>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The lead rows go after the last title or author row, the tail rows at the end. -->
  <xsl:template match="h:dl[@class = 'metadata']" mode="add-about-rows">
    <xsl:param name="lead" as="element()*" tunnel="yes"/>
    <xsl:param name="tail" as="element()*" tunnel="yes"/>
    <xsl:variable name="heading-rows" select="h:dt[. = ('Title', 'Author')]"/>
    <!-- After the last value of that row: a text may have several titles, each a dd of one dt. -->
    <xsl:variable name="last-heading" select="$heading-rows[last()]"/>
    <xsl:variable name="after" select="($last-heading/following-sibling::h:dd[preceding-sibling::h:dt[1] is $last-heading][last()],
        $last-heading)[1]"/>
    <xsl:copy>
      <xsl:copy-of select="@*"/>
      <xsl:for-each select="node()">
        <xsl:copy-of select="."/>
        <xsl:if test=". is $after"><xsl:copy-of select="$lead"/></xsl:if>
      </xsl:for-each>
      <xsl:if test="empty($after)"><xsl:copy-of select="$lead"/></xsl:if>
      <xsl:copy-of select="$tail"/>
    </xsl:copy>
  </xsl:template>

  <!-- The persons, places, organisations the header's profile lists (the ACDH's letters name there
       whom a letter mentions: <profileDesc><listPerson><person ref="#pmb10815"
       source="https://pmb…/10815/"><persName>Bahr, Hermann</persName>): a row of their names, each a
       link to the record it names as its source. (A play's characters, in its particDesc: drama.xsl.) -->
  <xsl:variable name="profile-lists" select="map{'listPerson': 'Persons', 'listPlace': 'Places', 'listOrg': 'Organisations',
      'listEvent': 'Events', 'listBibl': 'Works'}"/>
  <xsl:template match="tei:profileDesc/*[map:contains($profile-lists, local-name())][normalize-space()]" mode="about-tail">
    <dt><xsl:value-of select="$profile-lists(local-name())"/></dt>
    <dd><xsl:for-each select="*[normalize-space()]">
      <xsl:variable name="named" select="(*[ends-with(local-name(), 'Name') or self::tei:name or self::tei:title or self::tei:label][normalize-space()][1]
          ! ria:name-words(.), normalize-space(.))[1]"/>
      <xsl:if test="position() gt 1">; </xsl:if>
      <xsl:choose>
        <xsl:when test="matches(@source, '^https?://\S+$')"><a href="{@source}"><xsl:value-of select="$named"/></a></xsl:when>
        <xsl:otherwise><xsl:value-of select="$named"/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each></dd>
  </xsl:template>

  <!-- A paragraph of the header that holds a list is a block: a list may not stand inside a p. -->
  <xsl:template match="tei:p[.//tei:list]" mode="header-block" priority="1">
    <div class="p"><xsl:call-template name="header-children"/></div>
  </xsl:template>
</xsl:stylesheet>
