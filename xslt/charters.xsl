<?xml version="1.0" encoding="UTF-8"?>
<!--
  Charters and other documents edited from their witnesses (the Fontenay charters, Monasterium's
  TEI): the summary an edition gives before the text (its regest, profileDesc/abstract), the
  witnesses the text is edited from (listWit in the source: the original, its copies in
  cartularies, earlier editions, each with its siglum and, where catalogued, its description),
  the charter's own list of its witnesses (listPerson type="witnesses"), a word the
  parchment has damaged, and what is written on its back.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ria="urn:revolution-in-arms"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:variable name="charter-labels" select="map{
      'abstract': 'Summary',
      'witness': 'Witness',
      'witnesses': 'Witnesses',
      'damaged': 'damaged',
      'dorsal': 'Dorsal notes'}"/>

  <!-- The regest: what the document does, in the editor's words, after the title. -->
  <xsl:template match="tei:profileDesc/tei:abstract[normalize-space()]" mode="about-lead">
    <dt><xsl:value-of select="$charter-labels('abstract')"/></dt>
    <dd>
      <xsl:choose>
        <xsl:when test="tei:p"><xsl:apply-templates select="tei:p" mode="header-block"/></xsl:when>
        <xsl:otherwise><xsl:call-template name="header-children"/></xsl:otherwise>
      </xsl:choose>
    </dd>
  </xsl:template>

  <!-- Each witness under its siglum: its catalogue description as a manuscript's is read
       (manuscripts.xsl), else its words (an earlier edition's reference). -->
  <xsl:template match="tei:listWit" mode="about-tail">
    <xsl:for-each select="tei:witness[normalize-space()]">
      <dt><xsl:value-of select="string-join(($charter-labels('witness'), (@n, @xml:id)[normalize-space()][1]), ' ')"/></dt>
      <dd>
        <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
        <xsl:choose>
          <xsl:when test="tei:msDesc">
            <dl class="ms-part"><xsl:apply-templates select="tei:msDesc" mode="manuscript-rows"/></dl>
          </xsl:when>
          <xsl:otherwise><xsl:call-template name="header-children"/></xsl:otherwise>
        </xsl:choose>
      </dd>
    </xsl:for-each>
    <xsl:apply-templates select="tei:listWit" mode="about-tail"/>
  </xsl:template>

  <!-- The charter's witnesses, as its eschatocol names them: a list of its own under its
       heading, one name an item (they ran together, "Gaufridus archidiaconusSeguinus"). -->
  <xsl:template match="tei:text//tei:listPerson[@type = 'witnesses'][not(ancestor::tei:back)]">
    <div class="list-person list-witnesses">
      <xsl:choose>
        <xsl:when test="tei:head"><xsl:apply-templates select="tei:head"/></xsl:when>
        <xsl:otherwise><p class="caption"><xsl:value-of select="$charter-labels('witnesses')"/></p></xsl:otherwise>
      </xsl:choose>
      <ul>
        <xsl:for-each select="tei:person | tei:personGrp">
          <li><xsl:apply-templates select="(tei:persName, tei:name)[1]"/>
            <xsl:for-each select="(tei:roleName, tei:occupation, tei:note)[normalize-space()]">
              <xsl:text>, </xsl:text><xsl:apply-templates/>
            </xsl:for-each>
          </li>
        </xsl:for-each>
      </ul>
    </div>
  </xsl:template>

  <!-- A word or a few the support has damaged, yet legible: marked where the damage begins and
       ends as a damageSpan is (generic.xsl), the agent (water, a tear) said. -->
  <xsl:template match="tei:text//tei:damage">
    <span class="damage span-start" role="note"
        aria-label="{string-join(($charter-labels('damaged'), 'from here', (@agent, @type)[normalize-space()][1] ! concat('(', normalize-space(.), ')'), 'to', '⸣'), ' ')}">⸢</span>
    <xsl:apply-templates/>
    <span class="damage span-end" role="note" aria-label="end of what is {$charter-labels('damaged')}">⸣</span>
  </xsl:template>
  <!-- What is written on the back of the charter (div type="dorsal": endorsements, archival
       notes): with no heading of its own it ran on from the text as if on the same side, so it
       is headed as a division with a head would be (body.xsl), one level below its parent's. -->
  <xsl:template match="tei:text//tei:div[lower-case(normalize-space(@type)) = 'dorsal'][not(tei:head)]">
    <section id="{ria:id(.)}" class="{string-join(('div', concat('div-', @type)), ' ')}">
      <xsl:element name="h{max((2, min((count(ancestor::*[ria:is-division(.)][tei:head]) + 2, 6))))}">
        <xsl:for-each select="@xml:id"><xsl:attribute name="id" select="concat(., '-head')"/></xsl:for-each>
        <xsl:value-of select="$charter-labels('dorsal')"/>
      </xsl:element>
      <xsl:apply-templates/>
    </section>
  </xsl:template>
  <!-- The contents name it as its heading does. -->
  <xsl:template match="tei:text//tei:div[lower-case(normalize-space(@type)) = 'dorsal'][not(tei:head)]" mode="toc" priority="1">
    <li>
      <a href="#{ria:id(.)}"><xsl:value-of select="$charter-labels('dorsal')"/></a>
      <xsl:if test="*[ria:is-division(.)][tei:head]">
        <ol><xsl:apply-templates select="*[ria:is-division(.)][tei:head]" mode="toc"/></ol>
      </xsl:if>
    </li>
  </xsl:template>
</xsl:stylesheet>
