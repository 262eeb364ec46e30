<?xml version="1.0" encoding="UTF-8"?>
<!--
  HTML's content model: a block (div, p, ul, table, blockquote, figure) may not stand
  inside phrasing content (a p, a span, a heading, a link). TEI lets many elements sit
  both between paragraphs and inside one (a quotation, a list, a stage direction, a
  salutation), so their rules ask ria:in-phrasing() which form to take. This stylesheet
  holds that function and the phrasing forms of elements the other stylesheets render
  as blocks.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ria="urn:revolution-in-arms"
    xmlns:h="http://www.w3.org/1999/xhtml"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- Elements whose HTML (p, span, a heading, a link, a note's body …) takes phrasing content only. -->
  <xsl:variable name="phrasing-containers" as="xs:string*" select="(
      'p', 'head', 'l', 'ab', 'note', 'label', 'speaker', 'stage', 'role', 'roleDesc', 'actor',
      'hi', 'emph', 'foreign', 'title', 'term', 'gloss', 'num', 'seg', 'name', 'persName', 'placeName',
      'orgName', 'roleName', 'rs', 'idno', 'biblScope', 'author', 'editor', 'publisher', 'pubPlace',
      'forename', 'surname', 'addName', 'ref', 'date', 'time', 'q', 'bibl', 'fw',
      'choice', 'sic', 'corr', 'orig', 'reg', 'abbr', 'expan', 'supplied', 'unclear', 'del', 'add',
      'subst', 'addrLine', 'dateline', 'salute', 'signed', 'docAuthor', 'docDate', 'docImprint',
      'byline', 'trailer', 'titlePart', 'figDesc',
      'form', 'orth', 'pron', 'gramGrp', 'pos', 'gen', 'def', 'usg', 'lbl', 'xr', 'etym',
      'kinesic', 'vocal', 'incident', 'line', 'mod', 'metamark',
      'b', 'i', 'ul', 'sub', 'sup', 'smcap')"/>

  <!-- Elements whose HTML (div, section, li, td …) takes blocks. -->
  <xsl:variable name="flow-containers" as="xs:string*" select="(
      'text', 'front', 'body', 'back', 'group', 'titlePage', 'docTitle', 'castList',
      'castGroup', 'castItem', 'set', 'performance', 'spGrp', 'sourceDoc', 'surfaceGrp', 'surface')"/>

  <!-- Elements that are blocks between paragraphs and phrases inside one. -->
  <xsl:variable name="contextual" as="xs:string*" select="(
      'quote', 'cit', 'list', 'item', 'listBibl', 'table', 'row', 'cell', 'figure', 'lg', 'sp',
      'opener', 'closer', 'postscript', 'address', 'epigraph',
      'div', 'div0', 'div1', 'div2', 'div3', 'div4', 'div5', 'div6', 'div7',
      'entry', 'entryFree', 'superEntry', 're', 'sense', 'u', 'zone')"/>

  <!-- Each element name's kind, looked up once per element (a map is cheaper than the lists). -->
  <xsl:variable name="content-kinds" as="map(xs:string, xs:string)" select="map:merge((
      $phrasing-containers ! map:entry(., 'phrasing'), $flow-containers ! map:entry(., 'flow'),
      $contextual ! map:entry(., 'contextual')))"/>

  <!-- True when the HTML of $element lands where only phrasing content may stand. -->
  <xsl:function name="ria:in-phrasing" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="parent" select="$element/parent::tei:*"/>
    <xsl:variable name="kind" select="if ($parent) then ria:content-kind($parent) else 'flow'"/>
    <xsl:sequence select="if ($kind eq 'phrasing') then true()
        else if ($kind eq 'flow') then false()
        else ria:in-phrasing($parent)"/>
  </xsl:function>

  <!-- What the HTML of $element holds: 'phrasing', 'flow', or '' for an element the page renders
       without a wrapper of its own (the fallback keeps its text), where its parent decides. A
       quotation or citation in a list item or a note is a phrase there (body.xsl). A reading in a
       list of readings is a phrase of its entry's line (variants.xsl). The record of a work standing
       in the body is a block of fields (records.xsl). -->
  <xsl:function name="ria:content-kind" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:variable name="kind" select="$content-kinds(local-name($element))"/>
    <xsl:sequence select="
        if ($element[self::tei:lem or self::tei:rdg][ancestor::tei:listApp]) then 'phrasing'
        else if (ria:is-record($element)) then 'flow'
        else if (empty($kind)) then ''
        else if ($kind ne 'contextual') then $kind
        else if (ria:in-phrasing($element)
               or ($element[self::tei:quote or self::tei:cit] and ($element/parent::tei:item or $element/ancestor::tei:note
                 or $element/ancestor::tei:entry or $element/ancestor::tei:entryFree or $element/ancestor::tei:superEntry)))
           then 'phrasing' else 'flow'"/>
  </xsl:function>

  <!-- ================================================================ phrasing forms -->
  <!-- A paragraph inside a phrase (a stage direction, a quotation run into a sentence). -->
  <xsl:template match="tei:p[ria:in-phrasing(.)]" priority="1">
    <span class="p">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- A division written inside a paragraph (the Reading Cookbooks mark a recipe named in a
       sentence as a div): a phrase of the sentence, its heading too. -->
  <xsl:template match="(tei:div | tei:div0 | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7)[ria:in-phrasing(.)]" priority="1">
    <span class="{string-join(('div', @type ! concat('div-', .)), ' ')}">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="tei:head[ria:in-phrasing(.)]" priority="1">
    <span class="head"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- A quotation run into a sentence is a q, whatever holds it (a cit inside a paragraph). -->
  <xsl:template match="tei:quote[ria:in-phrasing(.)]" priority="1">
    <q>
      <xsl:attribute name="class" select="string-join(('quote', @type), ' ')"/>
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates/>
    </q>
  </xsl:template>
  <xsl:template match="tei:cit[ria:in-phrasing(.)]" priority="1">
    <span class="cit">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- Salutations, datelines and signatures are paragraphs of their own, or phrases of one. -->
  <xsl:template match="(tei:dateline | tei:salute | tei:signed | tei:docAuthor | tei:docDate | tei:docImprint
      | tei:byline | tei:trailer | tei:titlePart)[ria:in-phrasing(.)]" priority="1">
    <span class="{local-name()}">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>
  <!-- A letter's opening, closing or postscript, an epigraph, quoted inside a phrase. -->
  <xsl:template match="(tei:opener | tei:closer | tei:postscript | tei:epigraph)[ria:in-phrasing(.)]" priority="1">
    <span class="{local-name()}"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- An epigraph holds quotations, verse and paragraphs: a block, never a paragraph. -->
  <xsl:template match="tei:epigraph[not(ria:in-phrasing(.))]" priority="1">
    <div class="epigraph">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <!-- A list inside a paragraph (or a note): its items are lines of the phrase (CSS shows them
       as list items). Above every block rule for lists: body.xsl's (up to 2), phrases.xsl's (2.5). -->
  <xsl:template match="tei:list[ria:in-phrasing(.)] | tei:listBibl[ria:in-phrasing(.)]" priority="3">
    <span class="{ria:classes(('list', @type))}">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>
  <xsl:template match="tei:item[ria:in-phrasing(.)]" priority="1">
    <span class="item">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>
  <!-- A label inside a phrase's list is its item's ("(1)", "(2)" before each point a FRUS
       paragraph lists): one line with it, not a line of its own before a bulleted one. -->
  <xsl:template match="tei:list[ria:in-phrasing(.)]/tei:label[following-sibling::*[1][self::tei:item]]" priority="1"/>
  <xsl:template match="tei:list[ria:in-phrasing(.)]/tei:item[preceding-sibling::*[1][self::tei:label]]" priority="1.5">
    <span class="item labelled">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:for-each select="preceding-sibling::*[1]">
        <span class="label"><xsl:apply-templates/></span>
      </xsl:for-each>
      <xsl:text> </xsl:text>
      <xsl:apply-templates/>
    </span>
  </xsl:template>
  <xsl:template match="tei:listBibl[ria:in-phrasing(.)]/tei:bibl" priority="1">
    <span class="item"><xsl:next-match/></span>
  </xsl:template>
  <!-- What stands between a list's items is wrapped in a list item in a block list; inside a phrase it is not. -->
  <xsl:template match="(tei:pb | tei:cb | tei:fw | tei:note | tei:milestone | tei:anchor | tei:gap | tei:lb)[parent::tei:list[ria:in-phrasing(.)]]" priority="0.75">
    <xsl:variable name="rendered"><xsl:next-match/></xsl:variable>
    <xsl:copy-of select="$rendered/(h:li/node(), node()[not(self::h:li)])"/>
  </xsl:template>

  <!-- A table inside a paragraph keeps its grid through CSS (display: table …). -->
  <xsl:template match="tei:table[ria:in-phrasing(.)]" priority="1">
    <span class="table">
      <xsl:for-each select="tei:head"><span class="caption"><xsl:apply-templates/></span></xsl:for-each>
      <xsl:apply-templates select="* except tei:head"/>
    </span>
  </xsl:template>
  <xsl:template match="tei:row[ria:in-phrasing(.)]" priority="1">
    <span class="row"><xsl:apply-templates/></span>
  </xsl:template>
  <xsl:template match="tei:cell[ria:in-phrasing(.)]" priority="1">
    <span class="{if (@role = 'label' or parent::tei:row/@role = 'label') then 'cell label' else 'cell'}">
      <xsl:apply-templates/>
    </span>
  </xsl:template>
</xsl:stylesheet>
