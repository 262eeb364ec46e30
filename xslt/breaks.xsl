<?xml version="1.0" encoding="UTF-8"?>
<!--
  Breaks between the sections of a chapter, as the print shows them (the rule before the last
  part of Trotsky's Lessons of October; ELTeC's rows of stars). Breaks of another edition than
  the text's own, where a text records the lines and pages of two (CBETA's X canon: its own
  lines, ed="X", and those of a reprint, ed="R150", at other places). Column breaks, as page
  breaks are shown (a newspaper's columns: the Egyptian Gazette's <cb n="2"/>).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ria="urn:revolution-in-arms"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- A break the print marks between two sections of a chapter (ELTeC's milestone with @rend:
       a row of stars, a rule, a blank; a papyrus's paragraphos) is shown as such; a milestone
       without @rend is a reference point: its number, if it numbers a unit a text is cited by
       (references.xsl), else nothing. -->
  <xsl:template match="tei:milestone[normalize-space(@rend)][not(@unit = ('paragraph', 'p', 'page', 'line', 'column'))][not(parent::tei:list)]">
    <xsl:variable name="kind" select="lower-case(normalize-space(@rend))"/>
    <xsl:variable name="mark" select="if (matches($kind, 'star|aster|\*')) then '* * *' else if (matches($kind, 'space|blank|none')) then '' else '—'"/>
    <xsl:choose>
      <xsl:when test="ria:in-phrasing(.)">
        <span class="milestone" role="separator"><xsl:value-of select="$mark"/></span>
      </xsl:when>
      <xsl:otherwise>
        <hr class="milestone{if ($mark) then '' else ' blank'}" data-mark="{$mark}"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A column break (a newspaper's page set in columns, a manuscript's two columns) is marked
       where it stands as a page break is (body.xsl), a small marker with the column's number, a
       link to itself for citing; one the source does not number is a bar. -->
  <xsl:template match="tei:cb">
    <span class="cb" id="{ria:id(.)}" data-n="{@n}" role="note" aria-label="column {@n}">
      <a href="#{ria:id(.)}" class="cb-link">col. <xsl:value-of select="@n"/></a>
    </span>
  </xsl:template>
  <xsl:template match="tei:cb[not(normalize-space(@n))]" priority="0.25">
    <span class="cb cb-unnumbered" id="{ria:id(.)}" role="separator" aria-label="column break">‖</span>
  </xsl:template>

  <!-- The text's own edition: that of its first line break naming one. A line of another edition
       ends no line of this one; a page of another is a reference point, labelled with its edition. -->
  <xsl:function name="ria:other-edition" as="xs:boolean">
    <xsl:param name="break" as="element()"/>
    <xsl:sequence select="if (not(normalize-space($break/@ed))) then false() else
        let $own := normalize-space(($break/ancestor::tei:text[last()]//tei:lb[normalize-space(@ed)])[1]/@ed)
        return $own != '' and normalize-space($break/@ed) != $own"/>
  </xsl:function>
  <xsl:template match="tei:lb[ria:other-edition(.)]" priority="6"/>
  <xsl:template match="tei:pb[ria:other-edition(.)]" priority="6">
    <span class="pb pb-other-edition" id="{ria:id(.)}" data-n="{@n}" role="note" aria-label="page {@n} of {normalize-space(@ed)}">
      <a href="#{ria:id(.)}" class="pb-link"><xsl:value-of select="normalize-space(@ed)"/> p. <xsl:value-of select="@n"/></a>
    </span>
  </xsl:template>
</xsl:stylesheet>
