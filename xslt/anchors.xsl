<?xml version="1.0" encoding="UTF-8"?>
<!--
  What a reader may cite keeps its address: a phrase or block of the text with an xml:id (a
  sentence or segment, a name, a date, a quotation, a title page) is reached at #that-id on
  its page, whichever rule renders it. The rule that renders it keeps the id where it can; where
  it does not, the id is put on what it renders (a single element without an id of its own) or
  on an empty anchor just before it.

  Word-level tokens (w, pc, c) are left out: their ids are for pointers in the file, and one
  anchor per word would weigh more than the text. So are what a page renders twice or
  elsewhere (notes, readings of an apparatus, the members of a choice), whose ids their own
  rules place.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ria="urn:revolution-in-arms"
    xmlns:h="http://www.w3.org/1999/xhtml"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- The elements a reader cites by their id, inside a text's reading. -->
  <xsl:variable name="citable" as="xs:string*" select="(
      's', 'seg', 'cl', 'phr', 'q', 'quote', 'said', 'cit', 'title', 'bibl', 'foreign', 'term', 'hi', 'num', 'measure',
      'persName', 'placeName', 'orgName', 'name', 'rs', 'date', 'time',
      'head', 'label', 'item', 'table', 'row', 'cell', 'figure', 'byline', 'salute', 'signed', 'dateline',
      'titlePage', 'docTitle', 'titlePart', 'docAuthor', 'docDate', 'docImprint', 'argument', 'epigraph', 'trailer',
      'sp', 'speaker', 'stage', 'castItem', 'role', 'opener', 'closer', 'postscript', 'address',
      'line', 'zone', 'surface')"/>

  <xsl:template match="tei:*[@xml:id][local-name() = $citable]
      [ancestor::tei:text or ancestor::tei:sourceDoc]
      [not(ancestor-or-self::tei:note | ancestor::tei:app | ancestor::tei:choice | ancestor::tei:teiHeader)]" priority="20">
    <xsl:variable name="id" select="string(@xml:id)"/>
    <xsl:variable name="rendered"><xsl:next-match/></xsl:variable>
    <xsl:variable name="elements" select="$rendered/*"/>
    <xsl:choose>
      <xsl:when test="$rendered//@id = $id">
        <xsl:copy-of select="$rendered/node()"/>
      </xsl:when>
      <xsl:when test="count($elements) = 1 and empty($elements/@id)
          and empty($rendered/text()[normalize-space()])">
        <xsl:for-each select="$rendered/node()">
          <xsl:choose>
            <xsl:when test=". is $elements">
              <xsl:copy><xsl:attribute name="id" select="$id"/><xsl:copy-of select="@*, node()"/></xsl:copy>
            </xsl:when>
            <xsl:otherwise><xsl:copy-of select="."/></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <span class="anchor" id="{$id}"/>
        <xsl:copy-of select="$rendered/node()"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
