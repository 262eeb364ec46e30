<?xml version="1.0" encoding="UTF-8"?>
<!--
  Trial records as the Old Bailey Proceedings Online keep them (TEI P4): the editors classify
  each name, offence, verdict and punishment by interp children (<interp type="gender"
  value="male"/>, type="offenceCategory" value="theft") and link them by join elements (the
  defendant to the offence, the offence to its victim). Neither is a word of the text: a
  phrase's interps are said in its title ("Offence description: offence category: theft"),
  the joins are left out. An xptr of type "pageFacsimile" is where a page of the printed
  Proceedings begins, named by its image.

  Their files set each interp and join, and a phrase's end tag, on a line of its own, so that a
  name's words stand apart from the comma after them by nothing but that layout ("Mercy⏎
  <interp/>⏎</persName>⏎, of"): the browser would show "Mercy , of". In such a file, a line
  break between words and the mark that closes them, where nothing but interps and joins stands
  between the two, is dropped with the whitespace around it.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ria="urn:revolution-in-arms"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- Whether the document classifies its phrases so (read once: the whitespace rule below asks
       it of every text node). -->
  <xsl:variable name="interpreted" as="xs:boolean" select="exists(/tei:TEI/tei:text//(tei:interp | tei:join))"/>

  <xsl:template match="tei:interp | tei:join"/>

  <!-- A phrase the editors classified: what it renders, titled with their classification. -->
  <xsl:template match="tei:text//*[tei:interp[@type][@value]][ria:in-phrasing(.)]" priority="16">
    <xsl:variable name="rendered"><xsl:next-match/></xsl:variable>
    <xsl:call-template name="titled">
      <xsl:with-param name="rendered" select="$rendered"/>
      <xsl:with-param name="said" select="string-join((
          @type ! ria:type-words(.),
          string-join(tei:interp[@type][@value] ! concat(lower-case(ria:type-words(@type)), ': ', ria:interp-value(@value)), '; ')), ' — ')"/>
    </xsl:call-template>
  </xsl:template>

  <!-- An element @ana classes by the categories of the header's taxonomy (DEPCHA's account books:
       <p ana="#bk_entry #bk_debit">, each category a <category xml:id="bk_debit"><catDesc>Debit</catDesc>)
       is titled with their words ("Entry; Debit"), not their pointers; a title of its own (a
       quantity's) follows them. A pointer to anything else (an event of a register) is no category. -->
  <xsl:key name="categories" match="tei:teiHeader//tei:category[@xml:id]" use="@xml:id"/>
  <xsl:template match="tei:text//*[@ana][exists(ria:categories(.))]" priority="17">
    <xsl:variable name="rendered"><xsl:next-match/></xsl:variable>
    <xsl:call-template name="titled">
      <xsl:with-param name="rendered" select="$rendered"/>
      <xsl:with-param name="said" select="string-join(ria:categories(.) ! ria:category-label(.), '; ')"/>
      <xsl:with-param name="before-own" select="true()"/>
    </xsl:call-template>
  </xsl:template>
  <xsl:function name="ria:categories" as="element(tei:category)*">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="tokenize(normalize-space($element/@ana), ' ')[starts-with(., '#')]
        ! key('categories', substring(., 2), root($element))"/>
  </xsl:function>
  <!-- A category's words: the term its description names, else the description, a gloss, its number. -->
  <xsl:function name="ria:category-label" as="xs:string">
    <xsl:param name="category" as="element(tei:category)"/>
    <xsl:variable name="language" select="($category/root()/tei:TEI/tei:text/@xml:lang, $category/root()/tei:TEI/@xml:lang)[1]"/>
    <xsl:variable name="descriptions" select="($category/tei:catDesc[@xml:lang = $language], $category/tei:catDesc)"/>
    <xsl:sequence select="(($descriptions/tei:term, $descriptions, $category/tei:gloss, $category/tei:desc, $category/@n) ! normalize-space(.)[.],
        string($category/@xml:id))[1]"/>
  </xsl:function>

  <!-- What an element rendered, its first element titled with what is said of it (after or before
       a title it has of its own). -->
  <xsl:template name="titled">
    <xsl:param name="rendered" as="document-node()"/>
    <xsl:param name="said" as="xs:string"/>
    <xsl:param name="before-own" as="xs:boolean" select="false()"/>
    <xsl:for-each select="$rendered/node()">
      <xsl:choose>
        <xsl:when test="self::* and empty(preceding-sibling::*) and (not(@title) or $before-own)">
          <xsl:copy>
            <xsl:copy-of select="@*"/>
            <xsl:attribute name="title" select="string-join(($said, @title[$before-own]), ' — ')"/>
            <xsl:copy-of select="node()"/>
          </xsl:copy>
        </xsl:when>
        <xsl:otherwise><xsl:copy-of select="."/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>
  <!-- "grandLarceny" is "grand larceny"; a value written as words (a surname) is kept as it is. -->
  <xsl:function name="ria:interp-value" as="xs:string">
    <xsl:param name="value" as="xs:string"/>
    <xsl:sequence select="if (matches($value, '^[a-z]+([A-Z][a-z]+)+$')) then lower-case(replace($value, '([a-z])([A-Z])', '$1 $2')) else $value"/>
  </xsl:function>

  <xsl:template match="tei:xptr[@type = 'pageFacsimile']">
    <span class="pb pb-unnumbered" id="{ria:id(.)}" role="separator"
        aria-label="{string-join(('page break', normalize-space(@doc)[.] ! concat('facsimile ', .)), ', ')}">|</span>
  </xsl:template>

  <!-- The layout around interps and joins before a closing mark: a name's trailing line break, the
       lines the interps stand on, the line break before the comma. -->
  <xsl:template match="text()[$interpreted][matches(., '^\s*\n\s*[,.;:!?)]') or matches(., '\n\s*$')]" priority="3">
    <xsl:variable name="words-before" select="if (normalize-space(.)) then . else preceding::text()[normalize-space()][1]"/>
    <xsl:variable name="leading" select="matches(., '^\s*\n\s*[,.;:!?)]') and ria:layout-only(preceding::text()[normalize-space()][1], .)"/>
    <xsl:variable name="trailing" select="matches(., '\n\s*$') and ria:layout-only($words-before, following::text()[normalize-space()][1])"/>
    <xsl:choose>
      <xsl:when test="$leading or $trailing">
        <xsl:variable name="kept" select="if ($leading) then replace(., '^\s+', '') else string(.)"/>
        <xsl:value-of select="if ($trailing) then replace($kept, '\s+$', '') else $kept"/>
      </xsl:when>
      <xsl:otherwise><xsl:next-match/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <!-- Whether nothing but interps and joins stands between two runs of words, the second beginning
       with a closing mark. -->
  <xsl:function name="ria:layout-only" as="xs:boolean">
    <xsl:param name="before" as="text()?"/>
    <xsl:param name="after" as="text()?"/>
    <xsl:sequence select="exists($before) and matches(string($after), '^\s*[,.;:!?)]')
        and (every $element in ($before/following::*[. &lt;&lt; $after] except $after/ancestor::*)
             satisfies $element[self::tei:interp or self::tei:join])"/>
  </xsl:function>
</xsl:stylesheet>
