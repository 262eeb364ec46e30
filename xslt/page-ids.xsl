<?xml version="1.0" encoding="UTF-8"?>
<!--
  A text's ids and the page's own: an element whose xml:id is one the page gives its own parts
  ("main", "text", "about-text" …) keeps its id with "tei-" before it, and so do the links to it,
  so that the page has no id twice and every link leads where it did. Only a document that has
  such an id is copied once more.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ria="urn:revolution-in-arms"
    xmlns:h="http://www.w3.org/1999/xhtml"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- The ids of a reading page's own parts (theme/templates, ria/publish/render.py, ria/corpus/render.py). -->
  <xsl:variable name="page-ids" as="xs:string*" select="('main', 'text', 'text-title', 'about-text', 'about-title',
      'notes-title', 'apparatus-title', 'cite-title', 'cite-passage', 'toc-title', 'name-cards', 'name-key',
      'mentions-title', 'sources-title', 'view-reading', 'view-diplomatic', 'highlight-names', 'header-search-q',
      'intro-contents-title', 'annotations-title')"/>
  <xsl:variable name="page-id-prefix" select="'tei-'"/>

  <xsl:mode name="page-ids" on-no-match="shallow-copy"/>

  <xsl:template match="document-node()[exists(//@xml:id[. = $page-ids]) or ria:has-id-twice(.)]" priority="2">
    <xsl:variable name="parts"><xsl:next-match/></xsl:variable>
    <xsl:apply-templates select="$parts" mode="page-ids">
      <xsl:with-param name="taken" select="distinct-values(//@xml:id[. = $page-ids])" tunnel="yes"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- An xml:id a file gives more than one element (the Reading Cookbooks' chapters give a recipe's
       id to each name of it too): the page gives each id once, to the first division that has it
       (a section, where the contents and the heading's link lead), else to the first element. -->
  <xsl:function name="ria:has-id-twice" as="xs:boolean">
    <xsl:param name="document" as="document-node()"/>
    <xsl:sequence select="exists($document//*[@xml:id][not(. is key('ids', @xml:id, $document)[1])])"/>
  </xsl:function>
  <xsl:key name="page-elements-by-id" match="h:*[@id]" use="@id"/>
  <xsl:template match="@id[not(.. is (key('page-elements-by-id', ., root(.))[self::h:section], key('page-elements-by-id', ., root(.)))[1])]"
      mode="page-ids" priority="1"/>

  <xsl:template match="@id | @for | @aria-labelledby | @aria-describedby" mode="page-ids">
    <xsl:param name="taken" as="xs:string*" tunnel="yes"/>
    <xsl:attribute name="{name()}" select="string-join(tokenize(., ' ') ! (if (. = $taken) then concat($page-id-prefix, .) else .), ' ')"/>
  </xsl:template>
  <xsl:template match="@href[starts-with(., '#')]" mode="page-ids">
    <xsl:param name="taken" as="xs:string*" tunnel="yes"/>
    <xsl:attribute name="href" select="if (substring(., 2) = $taken) then concat('#', $page-id-prefix, substring(., 2)) else ."/>
  </xsl:template>
</xsl:stylesheet>
