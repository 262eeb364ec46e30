<?xml version="1.0" encoding="UTF-8"?>
<!--
  A text withheld from a public build (its rights do not allow publication): the
  page keeps the structure of its divisions (so the table of contents works) and
  the edition's own notes, each cited by passage and printed page; no sentence of
  the source is output.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ria="urn:revolution-in-arms"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:template match="tei:text" mode="withheld">
    <xsl:apply-templates select="(tei:front, tei:body, tei:back)/tei:div" mode="withheld"/>
  </xsl:template>

  <xsl:template match="tei:div" mode="withheld">
    <section id="{ria:id(.)}" class="div withheld">
      <xsl:element name="h{min((count(ancestor-or-self::tei:div) + 1, 6))}">
        <xsl:value-of select="ria:div-title(.)"/>
      </xsl:element>
      <xsl:apply-templates select="tei:div" mode="withheld"/>
    </section>
  </xsl:template>

  <!-- The passage a note belongs to, as a reader would cite it: paragraph id and printed page. -->
  <xsl:function name="ria:passage-citation" as="xs:string">
    <xsl:param name="node" as="element()"/>
    <xsl:variable name="passage" select="$node/ancestor::*[@xml:id][not(self::tei:TEI or self::tei:text)][1]"/>
    <xsl:variable name="page" select="$node/preceding::tei:pb[1]/@n"/>
    <xsl:sequence select="string-join((
        $page ! concat('p. ', .),
        $passage ! concat('¶ ', @xml:id)), ', ')"/>
  </xsl:function>

  <xsl:template name="withheld-notes-section">
    <xsl:variable name="notes" select="/tei:TEI/tei:text//tei:note[ria:is-edition-note(.)]"/>
    <xsl:if test="$notes">
      <ol class="notes">
        <xsl:for-each select="$notes">
          <li id="{ria:id(.)}" class="note note-{@type}">
            <span class="note-label"><xsl:value-of select="ria:note-label(.)"/></span>
            <xsl:text> </xsl:text>
            <span class="note-type"><xsl:value-of select="ria:note-type-label(.)"/></span>
            <xsl:text> </xsl:text>
            <span class="note-passage">(<xsl:value-of select="ria:passage-citation(.)"/>)</span>
            <xsl:text> </xsl:text>
            <span class="note-body"><xsl:apply-templates mode="note-body"/></span>
          </li>
        </xsl:for-each>
      </ol>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
