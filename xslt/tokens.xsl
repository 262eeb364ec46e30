<?xml version="1.0" encoding="UTF-8"?>
<!--
  Text cut into tokens: words (w), punctuation (pc) and, in some corpora, the spaces between
  them (c). Such files put each token on a line of its own, so the whitespace between the
  elements is the file's layout, not the text's: where the spaces are encoded as c, it is
  dropped; a closing mark (comma, full stop, closing bracket or quotation mark) joins the word
  before it wherever the tokens stand.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ria="urn:revolution-in-arms"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- Marks that close what precedes them: no space before them in print. -->
  <xsl:variable name="closing-marks" as="xs:string" select="'^[.,;:!?)\]}»”’…%]+$'"/>
  <!-- Marks that open what follows them: no space after them. -->
  <xsl:variable name="opening-marks" as="xs:string" select="'^[(\[{«“‘¿¡]+$'"/>

  <!-- Spaces encoded as c elements: the whitespace around the tokens is layout. -->
  <xsl:template match="text()[not(normalize-space())][parent::*/tei:c]" priority="1.1"/>

  <!-- Whitespace between a word (or any element) and the closing mark after it, and at the end of
       a phrase the mark follows (EarlyPrint: <hi> <w>SAY</w> </hi> <pc>,</pc>). -->
  <xsl:template match="text()[not(normalize-space())]
      [following-sibling::node()[1][ria:closing-mark(.)]]
      [preceding-sibling::node()[1][self::*]]" priority="1"/>
  <xsl:template match="text()[not(normalize-space())][not(following-sibling::node())][preceding-sibling::node()]
      [../following-sibling::node()[not(self::text()[not(normalize-space())])][1][ria:closing-mark(.)]]" priority="0.9"/>

  <xsl:function name="ria:closing-mark" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <!-- All its words, spaces left out: a mark given on several levels (Menota's facs, dipl, norm) is one mark. -->
    <xsl:sequence select="exists($node/self::tei:pc[matches(replace(string(.), '\s+', ''), $closing-marks)])"/>
  </xsl:function>
</xsl:stylesheet>
