<?xml version="1.0" encoding="UTF-8"?>
<!-- The text body: divisions, headings, paragraphs, front matter, lists, quotations, pages. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ria="urn:revolution-in-arms"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:cb="http://www.cbeta.org/ns/1.0"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- ================================================================ table of contents -->
  <!-- A text that is one division without a heading (a letter's single writing session) has no
       contents to list: an entry named by the division's type alone leads nowhere new. -->
  <xsl:template match="tei:text" mode="toc">
    <xsl:variable name="divs" select="(tei:front, tei:body, tei:back)/*[ria:is-division(.)] | tei:group"/>
    <xsl:if test="$divs and not(count($divs) = 1 and $divs[ria:is-division(.)]
        and not($divs/(tei:head, *[ria:is-division(.)][tei:head])))">
      <ol><xsl:apply-templates select="$divs" mode="toc"/></ol>
    </xsl:if>
  </xsl:template>

  <!-- A group of texts: an entry for each text, its divisions under it; a group with a heading of
       its own is an entry holding its texts. -->
  <xsl:template match="tei:group" mode="toc">
    <xsl:choose>
      <xsl:when test="tei:head">
        <li>
          <a href="#{ria:id(.)}"><xsl:value-of select="ria:div-title(.)"/></a>
          <ol><xsl:apply-templates select="tei:text | tei:group" mode="toc"/></ol>
        </li>
      </xsl:when>
      <xsl:otherwise><xsl:apply-templates select="tei:text | tei:group" mode="toc"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <!-- A text named by none of its own (title page, heading, number) is listed by its divisions. -->
  <xsl:template match="tei:group/tei:text" mode="toc">
    <xsl:variable name="divs" select="(tei:front, tei:body, tei:back)/*[ria:is-division(.)] | tei:group"/>
    <xsl:variable name="title" select="ria:group-text-title(.)"/>
    <xsl:choose>
      <xsl:when test="empty($title) and $divs"><xsl:apply-templates select="$divs" mode="toc"/></xsl:when>
      <xsl:otherwise>
        <li>
          <a href="#{ria:id(.)}"><xsl:value-of select="($title, concat('Text ', count(preceding-sibling::tei:text) + 1))[1]"/></a>
          <xsl:if test="$divs"><ol><xsl:apply-templates select="$divs" mode="toc"/></ol></xsl:if>
        </li>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A text of a group is named by its title page, its front's or body's heading, the title the
       header gives it (ria:declared-title) or its number (ETCSL's n="t.1.1.1"). -->
  <xsl:function name="ria:group-text-title" as="xs:string?">
    <xsl:param name="text" as="element()"/>
    <xsl:variable name="named" select="ria:own-text-heading($text)"/>
    <xsl:sequence select="if ($named) then normalize-space(string-join($named//text()[not(ancestor::tei:note)], ' '))
        else (ria:declared-title($text), normalize-space($text/@n)[.])[1]"/>
  </xsl:function>
  <xsl:function name="ria:own-text-heading" as="element()?">
    <xsl:param name="text" as="element()"/>
    <xsl:sequence select="($text/tei:front//tei:docTitle, $text/tei:front/tei:head, $text/tei:body/tei:head)[normalize-space()][1]"/>
  </xsl:function>
  <!-- A text whose title is in the header only: the ADL's volumes write <text decls="#biblid…">,
       the title in the bibl (biblStruct, msDesc …) the @decls points to. Of a biblStruct, the
       piece's own title (analytic) before the book's; no title where the text's first heading
       already says it (a poem's division headed by its title), nor where the @decls points to no
       title (a letter's correspDesc). -->
  <xsl:function name="ria:declared-title" as="xs:string?">
    <xsl:param name="text" as="element()"/>
    <xsl:variable name="described" select="tokenize(normalize-space($text/@decls), ' ')[starts-with(., '#')]
        ! key('ids', substring(., 2), root($text))[ancestor::tei:teiHeader]"/>
    <xsl:variable name="titles" select="($described/descendant-or-self::tei:title[normalize-space()])"/>
    <xsl:variable name="title" select="($titles[ancestor::tei:analytic], $titles[not(@type = ('sub', 'alt'))], $titles)[1]"/>
    <xsl:variable name="words" select="$title ! normalize-space(string-join(.//text()[not(ancestor::tei:note)], ' '))"/>
    <xsl:variable name="first-heading" select="($text//tei:head)[1] ! normalize-space(string-join(.//text()[not(ancestor::tei:note)], ' '))"/>
    <xsl:sequence select="$words[not(lower-case(.) = lower-case($first-heading))]"/>
  </xsl:function>

  <xsl:template match="*[ria:is-division(.)]" mode="toc">
    <li>
      <a href="#{ria:id(.)}"><xsl:value-of select="ria:div-title(.)"/></a>
      <xsl:if test="*[ria:is-division(.)][tei:head]">
        <ol><xsl:apply-templates select="*[ria:is-division(.)][tei:head]" mode="toc"/></ol>
      </xsl:if>
    </li>
  </xsl:template>

  <!-- CBETA's cb:div is a division as div is (cbeta.xsl). -->
  <xsl:function name="ria:is-division" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="exists($element[self::tei:div or self::tei:div0 or self::tei:div1 or self::tei:div2
        or self::tei:div3 or self::tei:div4 or self::tei:div5 or self::tei:div6 or self::tei:div7 or self::cb:div])"/>
  </xsl:function>

  <xsl:function name="ria:div-title" as="xs:string">
    <xsl:param name="div" as="element()"/>
    <!-- (a heading left empty, the Digital Mishnah's <head/>, names nothing: the division is named as if it had none;
         a metamark in it, a page number a hand wrote beside the heading, is no word of its name) -->
    <xsl:variable name="head" select="normalize-space(string-join($div/tei:head[1]//text()[not(ancestor::tei:note or ancestor::tei:sic or ancestor::tei:orig or ancestor::tei:abbr or ancestor::tei:am[parent::tei:choice] or ancestor::tei:fw or ancestor::tei:metamark)][not(ria:is-unread-reading(.))], ''))"/>
    <xsl:sequence select="if ($head) then $head
        else if (ria:mulu-title($div)) then ria:mulu-title($div)
        else if (ria:dateline-title($div)) then ria:dateline-title($div)
        else if (ria:opening-date-title($div)) then ria:opening-date-title($div)
        else if ($div/@type) then concat(ria:type-words(($division-type-words($div/@type), $div/@type)[1]), ria:own-language($div))
        else 'Section'"/>
  </xsl:function>
  <!-- Types written short (OpenEdition's "ack"), said in full. -->
  <xsl:variable name="division-type-words" select="map{'ack': 'acknowledgements', 'acknowledgment': 'acknowledgements'}"/>
  <!-- An untitled division in another language than the text around it (OpenEdition's abstracts
       in French and English) is told apart by it: "Abstract (en)". -->
  <xsl:function name="ria:own-language" as="xs:string">
    <xsl:param name="div" as="element()"/>
    <xsl:variable name="around" select="$div/ancestor::*[@xml:lang][1]/@xml:lang"/>
    <xsl:sequence select="if ($div/@xml:lang and not($div/@xml:lang = $around)) then concat(' (', $div/@xml:lang, ')') else ''"/>
  </xsl:function>

  <!-- A division's type as words: "source-information", "writingSession" → "Source information", "Writing session". -->
  <xsl:function name="ria:type-words" as="xs:string">
    <xsl:param name="type" as="xs:string"/>
    <xsl:variable name="words" select="replace(replace($type, '([a-z])([A-Z])', '$1 $2'), '[-_]', ' ')"/>
    <!-- a short word in capitals is an initialism, kept ("WWP note", not "Wwp note") -->
    <xsl:variable name="cased" select="string-join(tokenize($words, ' ') ! (if (matches(., '^\p{Lu}{2,4}\d*$')) then . else lower-case(.)), ' ')"/>
    <xsl:sequence select="concat(upper-case(substring($cased, 1, 1)), substring($cased, 2))"/>
  </xsl:function>

  <!-- ================================================================ structure -->
  <!-- A text's parts in their order: front, body (or a group of texts) and back, and what another
       vocabulary puts there (its words are kept). -->
  <xsl:template match="tei:text">
    <xsl:apply-templates select="*"/>
  </xsl:template>

  <!-- A group of texts (an anthology, a collection of letters): each a section of its own. -->
  <xsl:template match="tei:group">
    <div class="group" id="{ria:id(.)}"><xsl:apply-templates select="*"/></div>
  </xsl:template>
  <xsl:template match="tei:group/tei:text">
    <section class="group-text" id="{ria:id(.)}">
      <xsl:if test="empty(ria:own-text-heading(.))">
        <xsl:for-each select="ria:declared-title(.)"><h2 class="declared-title"><xsl:value-of select="."/></h2></xsl:for-each>
      </xsl:if>
      <xsl:apply-templates select="*"/>
    </section>
  </xsl:template>

  <xsl:template match="tei:front">
    <div class="front"><xsl:apply-templates/></div>
  </xsl:template>
  <xsl:template match="tei:body">
    <div class="body"><xsl:apply-templates/></div>
  </xsl:template>
  <xsl:template match="tei:back">
    <div class="back"><xsl:apply-templates/></div>
  </xsl:template>

  <!-- A division, numbered by its depth as TEI P4 and the TCP texts write it (div0 … div7) or not. -->
  <xsl:template match="tei:div | tei:div0 | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7">
    <section id="{ria:id(.)}">
      <xsl:attribute name="class" select="string-join(('div', @type ! concat('div-', .)), ' ')"/>
      <xsl:if test="@resp and @type = 'editorial'">
        <xsl:attribute name="data-resp" select="@resp"/>
      </xsl:if>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <!-- A division that holds nothing (the cinema edition's <div type="anmerkung"><ab></ab></div>, a
       comment to come) is no section of the page: no empty markup. What holds no words is rendered
       and looked at: it holds nothing if what it shows is only empty wrappers, no image, no mark,
       no link. (Its ids, and those within it, stay places a link may lead to.) A division the text's
       references count is labelled by its number (references.xsl), which is something. -->
  <xsl:variable name="wordless-wrappers" select="('span', 'p', 'div', 'section', 'br', 'wbr', 'table', 'caption', 'tbody',
      'tr', 'th', 'td', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'blockquote', 'q', 'em', 'strong', 'i', 'b', 'cite', 'small')"/>
  <xsl:function name="ria:renders-nothing" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="not(normalize-space($element)) and ria:shows-nothing(ria:rendered($element))"/>
  </xsl:function>
  <xsl:function name="ria:rendered" as="document-node()">
    <xsl:param name="element" as="element()"/>
    <xsl:document><xsl:apply-templates select="$element/node()"/></xsl:document>
  </xsl:function>
  <xsl:function name="ria:shows-nothing" as="xs:boolean">
    <xsl:param name="rendered" as="document-node()"/>
    <xsl:sequence select="not(normalize-space($rendered)) and (every $shown in $rendered//* satisfies local-name($shown) = $wordless-wrappers
        and (every $attribute in $shown/@* satisfies (local-name($attribute) = ('id', 'class', 'lang', 'dir', 'scope') or starts-with(local-name($attribute), 'data-'))))"/>
  </xsl:function>
  <xsl:template match="(tei:div | tei:div0 | tei:div1 | tei:div2 | tei:div3 | tei:div4 | tei:div5 | tei:div6 | tei:div7)
      [not(normalize-space())][not(ria:is-cited-division(.))][ria:renders-nothing(.)]" priority="3">
    <xsl:if test="@xml:id"><span id="{ria:id(.)}"></span></xsl:if>
    <xsl:for-each select="ria:rendered(.)//@id"><span id="{.}"></span></xsl:for-each>
  </xsl:template>

  <xsl:template match="tei:head">
    <!-- A division without a heading of its own adds no level (no h2 then h4); a heading straight in
         the body (the Dickinson poems' title) is below the page's own h1. -->
    <xsl:variable name="level" select="max((2, min((count(ancestor::*[ria:is-division(.)][tei:head[normalize-space() or *]]) + 1, 6))))"/>
    <xsl:element name="h{$level}">
      <!-- A heading with an id is where a search result can send the reader. -->
      <xsl:for-each select="(@xml:id, parent::tei:div/@xml:id ! concat(., '-head'))[1]">
        <xsl:attribute name="id" select="."/>
      </xsl:for-each>
      <xsl:apply-templates/>
      <xsl:if test="parent::tei:div/@xml:id">
        <a class="permalink" href="#{parent::tei:div/@xml:id}" aria-label="Link to this section">§</a>
      </xsl:if>
    </xsl:element>
  </xsl:template>
  <!-- A heading left empty (the Digital Mishnah's reference text: <head/> where a tractate's
       name is to come) is no heading: no empty h2, no level. -->
  <xsl:template match="tei:head[not(normalize-space()) and not(*)]" priority="3">
    <xsl:if test="@xml:id"><span id="{@xml:id}"></span></xsl:if>
  </xsl:template>
  <!-- A subheading (the Egyptian Gazette's <head type="sub">, a subtitle) under a division's
       heading belongs to it: the two are one hgroup, the subheading a paragraph in it, not a
       second heading of the same level (which would also repeat the division's heading id).
       A subheading with no heading before it is the division's heading. -->
  <xsl:function name="ria:subheading" as="xs:boolean">
    <xsl:param name="head" as="element()"/>
    <xsl:sequence select="exists($head[self::tei:head][lower-case(normalize-space(@type)) = ('sub', 'subtitle', 'subhead', 'subheading')]
        [preceding-sibling::*[1][self::tei:head]][parent::*[ria:is-division(.) or self::tei:body or self::tei:front or self::tei:back]])"/>
  </xsl:function>
  <xsl:template match="tei:head[not(ria:subheading(.))][following-sibling::*[1][ria:subheading(.)]][not(ria:in-phrasing(.))]" priority="2">
    <hgroup>
      <xsl:next-match/>
      <xsl:for-each-group select="following-sibling::*" group-adjacent="ria:subheading(.)">
        <xsl:if test="position() = 1">
          <xsl:for-each select="current-group()">
            <p class="subheading">
              <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
              <xsl:apply-templates/>
            </p>
          </xsl:for-each>
        </xsl:if>
      </xsl:for-each-group>
    </hgroup>
  </xsl:template>
  <xsl:template match="tei:head[ria:subheading(.)][not(ria:in-phrasing(.))]" priority="2"/>

  <!-- Heads of lists and tables are captions, not sections. -->
  <xsl:template match="tei:list/tei:head | tei:listBibl/tei:head | tei:table/tei:head | tei:figure/tei:head">
    <p class="caption"><xsl:apply-templates/></p>
  </xsl:template>

  <!-- A paragraph: its number (p/@n) goes in the margin through CSS, so that it is never copied
       with the words; its location, for citing, in data-loc and in its permalink's name. -->
  <xsl:template match="tei:p">
    <xsl:variable name="location" select="ria:location(.)"/>
    <p id="{ria:id(.)}">
      <xsl:if test="@n"><xsl:attribute name="data-n" select="@n"/></xsl:if>
      <xsl:if test="$location"><xsl:attribute name="data-loc" select="$location"/></xsl:if>
      <xsl:apply-templates/>
      <a class="permalink" href="#{ria:id(.)}" aria-label="{string-join(('Link to this paragraph', $location), ', ')}">¶</a>
    </p>
  </xsl:template>
  <!-- A paragraph with nothing in it (a catalogue record's <p/>, kept for the schema's sake, an
       ADL volume's empty pages, a region Transkribus found on the page but no words in: <p
       facs="#r3"><lb facs="#r3l1"/></p>) is no paragraph of the page: no lone permalink mark.
       (Its id, if it has one, stays a place a link may lead to.) Above an empty code block's rule
       (<ab type="code"/>, generic.xsl), which would otherwise match it at the same priority. -->
  <xsl:template match="(tei:p | tei:ab)[not(* except tei:lb)][not(normalize-space())]" priority="2.5">
    <xsl:if test="@xml:id"><span id="{ria:id(.)}"/></xsl:if>
  </xsl:template>
  <!-- A paragraph in a word processor's heading style that its converter left a paragraph
       (TEIGarage's <p rend="Heading 2">, a German Word's "Überschrift 2"): read as the heading it is,
       at its level below the text's title. -->
  <xsl:function name="ria:styled-heading-level" as="xs:integer?">
    <xsl:param name="p" as="element()"/>
    <xsl:variable name="style" select="normalize-space($p/@rend)"/>
    <xsl:sequence select="if (matches($style, '^(heading|überschrift|titre|titolo|título|kop)\s*[1-9]$', 'i'))
        then xs:integer(replace($style, '\D', '')) else ()"/>
  </xsl:function>
  <xsl:template match="tei:p[exists(ria:styled-heading-level(.))][not(ria:in-phrasing(.))]" priority="1.5">
    <p id="{ria:id(.)}" class="heading" role="heading" aria-level="{min((6, ria:styled-heading-level(.) + 1))}">
      <xsl:apply-templates/>
      <a class="permalink" href="#{ria:id(.)}" aria-label="Link to this heading">¶</a>
    </p>
  </xsl:template>
  <!-- Paragraphs inside notes, quotations and items do not carry their own permalink. -->
  <xsl:template match="tei:note//tei:p | tei:quote//tei:p | tei:item//tei:p | tei:cell//tei:p">
    <span class="p">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:for-each select="ria:location(.)[current()/@n]"><xsl:attribute name="data-loc" select="."/></xsl:for-each>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- ================================================================ title matter -->
  <xsl:template match="tei:titlePage">
    <div class="title-page"><xsl:apply-templates select="@xml:id, node()"/></div>
  </xsl:template>
  <xsl:template match="tei:docTitle">
    <div class="doc-title"><xsl:apply-templates select="@xml:id, node()"/></div>
  </xsl:template>
  <xsl:template match="tei:titlePart">
    <p class="{ria:classes(('title-part', @type))}"><xsl:apply-templates/></p>
  </xsl:template>
  <xsl:template match="tei:docAuthor | tei:docDate | tei:docImprint | tei:byline | tei:epigraph | tei:trailer">
    <p class="{local-name()}"><xsl:apply-templates select="@xml:id, node()"/><xsl:value-of select="ria:title-matter-value(.)"/></p>
  </xsl:template>
  <!-- A title page's date or author of no words, its value in an attribute (Théâtre classique's
       <docDate value="v.1500"/>, <docAuthor id="[Anonyme]"/>), says that value as written, a date
       in words where @when reads as one; a pointer (#id, a URL) is no name to print. -->
  <xsl:function name="ria:title-matter-value" as="xs:string?">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="if (not($element[self::tei:docDate or self::tei:docAuthor]) or $element/* or normalize-space($element)) then ()
        else ($element[self::tei:docDate][@when] ! ria:date-label(., ''), $element/(@when, @value, @key, @id, @n)
              [not(matches(normalize-space(.), '^(#|[a-z]+:)'))] ! normalize-space(.))[.][1]"/>
  </xsl:function>
  <!-- Title matter a reader can be sent to (the index cites names on a title page by it). -->
  <xsl:template match="tei:titlePage/@xml:id | tei:docTitle/@xml:id | tei:docAuthor/@xml:id | tei:docDate/@xml:id | tei:docImprint/@xml:id | tei:byline/@xml:id | tei:epigraph/@xml:id | tei:trailer/@xml:id">
    <xsl:attribute name="id" select="."/>
  </xsl:template>
  <!-- An imprint keyed with nothing between its parts (<pubPlace>LONDON</pubPlace><publisher>…), and a
       formula's number written against it: a space between them, as print sets them apart. -->
  <xsl:template match="tei:docImprint/*[preceding-sibling::node()[1][self::*]]
      | tei:label[not(parent::tei:list)][preceding-sibling::node()[1][self::tei:formula]]" priority="30">
    <xsl:text> </xsl:text>
    <xsl:next-match/>
  </xsl:template>
  <xsl:template match="tei:byline/tei:docAuthor | tei:titlePart/tei:docAuthor | tei:docImprint/tei:docDate">
    <span class="{local-name()}"><xsl:apply-templates/><xsl:value-of select="ria:title-matter-value(.)"/></span>
  </xsl:template>

  <xsl:template match="tei:opener | tei:closer">
    <div class="{local-name()}"><xsl:apply-templates/></div>
  </xsl:template>
  <xsl:template match="tei:dateline | tei:salute | tei:signed">
    <p class="{local-name()}"><xsl:apply-templates/></p>
  </xsl:template>
  <xsl:template match="tei:opener/tei:dateline | tei:closer/tei:dateline | tei:opener/tei:signed | tei:closer/tei:signed | tei:opener/tei:salute | tei:closer/tei:salute">
    <span class="{local-name()}"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- ================================================================ lists and tables -->
  <xsl:template match="tei:list">
    <xsl:apply-templates select="tei:head"/>
    <ul class="{ria:classes(('list', @type))}">
      <xsl:apply-templates select="* except tei:head"/>
    </ul>
  </xsl:template>
  <xsl:template match="tei:list[tei:label]">
    <xsl:apply-templates select="tei:head"/>
    <dl class="{ria:classes(('list', @type))}">
      <xsl:for-each select="tei:label">
        <dt><xsl:apply-templates/></dt>
        <dd><xsl:apply-templates select="following-sibling::tei:item[1]/node()"/></dd>
      </xsl:for-each>
    </dl>
  </xsl:template>
  <!-- A list numbered by its @type or @rend, as converters write it: Pandoc's "ordered:lowerroman",
       TEIGarage's (from Word) rend="numbered"; the numerals HTML has for the kind it names. -->
  <xsl:function name="ria:list-numbering" as="xs:string*">
    <xsl:param name="list" as="element()"/>
    <xsl:variable name="kinds" select="tokenize(lower-case(normalize-space(string-join(($list/@type, $list/@rend), ' '))), '[\s:]+')"/>
    <xsl:if test="$kinds = ('ordered', 'numbered', 'arabic', 'decimal', 'lowerroman', 'upperroman', 'loweralpha', 'upperalpha')">
      <xsl:sequence select="'ordered', ($kinds[. = ('lowerroman', 'upperroman', 'loweralpha', 'upperalpha')][1]
          ! map{'lowerroman': 'i', 'upperroman': 'I', 'loweralpha': 'a', 'upperalpha': 'A'}(.))"/>
    </xsl:if>
  </xsl:function>
  <xsl:template match="tei:list[exists(ria:list-numbering(.)) or tei:item[@n]][not(tei:label)]" priority="2">
    <xsl:apply-templates select="tei:head"/>
    <ol class="{ria:classes(('list', @type))}">
      <xsl:if test="ria:list-numbering(.)[2]"><xsl:attribute name="type" select="ria:list-numbering(.)[2]"/></xsl:if>
      <xsl:apply-templates select="* except tei:head"/>
    </ol>
  </xsl:template>
  <xsl:template match="tei:item">
    <li>
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:if test="@n and matches(@n, '^\d+$')"><xsl:attribute name="value" select="@n"/></xsl:if>
      <xsl:apply-templates/>
    </li>
  </xsl:template>
  <xsl:template match="tei:list/tei:pb | tei:list/tei:cb | tei:list/tei:fw | tei:list/tei:note | tei:list/tei:milestone | tei:list/tei:anchor | tei:list/tei:gap | tei:list/tei:lb">
    <li class="list-break"><xsl:next-match/></li>
  </xsl:template>
  <xsl:template match="tei:label">
    <span class="label"><xsl:apply-templates/></span>
    <xsl:call-template name="word-apart"/>
  </xsl:template>
  <!-- A number a block opens with (the Digital Mishnah's <label>ב</label> before its mishnah's
       words, a law's article number) that has an address of its own (the block's xml:id) is the
       link to it, as a verse's number is (references.xsl). -->
  <xsl:template match="tei:label[ria:numbers-block(.)]" priority="1">
    <a class="label block-ref" href="#{../@xml:id}"><xsl:apply-templates/></a>
    <xsl:call-template name="word-apart"/>
  </xsl:template>
  <xsl:function name="ria:numbers-block" as="xs:boolean">
    <xsl:param name="label" as="element()"/>
    <xsl:sequence select="exists($label/parent::tei:ab[@xml:id][not(ria:in-phrasing(.))])
        and empty($label/preceding-sibling::node()[self::* or self::text()[normalize-space()]])
        and string-length(normalize-space($label)) le 8 and not($label/*) and not(ria:in-link($label))"/>
  </xsl:function>
  <!-- A label or mark written against the next word ("<label>ב</label>היו") is kept apart from it:
       "ב היו", not the word "בהיו". -->
  <xsl:template name="word-apart">
    <xsl:if test="following-sibling::node()[1][self::text()][matches(., '^[\p{L}\p{N}]')]"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>

  <xsl:template match="tei:table">
    <table>
      <!-- A table's second heading (the Egyptian Gazette's "OTHER STATIONS." over "For the 24 hours
           ending 8 a.m.") is a line of its own in the caption, not run into the first. -->
      <xsl:if test="tei:head">
        <caption>
          <xsl:apply-templates select="tei:head[1]/node()"/>
          <xsl:for-each select="tei:head[position() > 1]"><br/><span class="subheading"><xsl:apply-templates/></span></xsl:for-each>
        </caption>
      </xsl:if>
      <tbody><xsl:apply-templates select="* except tei:head">
        <xsl:with-param name="spans" select="if (tei:row/tei:cell[@cols or @rows]) then ria:cell-spans(.) else map{}" tunnel="yes"/>
      </xsl:apply-templates></tbody>
    </table>
  </xsl:template>
  <xsl:template match="tei:row">
    <tr><xsl:apply-templates/></tr>
  </xsl:template>
  <!-- Cells, and what stands between rows: phrases.xsl (and content-model.xsl inside phrasing
       content); highlighting: phrases.xsl; figures: facsimile.xsl. -->


  <!-- ================================================================ quotation -->
  <xsl:template match="tei:quote">
    <xsl:element name="{if (parent::tei:p or parent::tei:item or ancestor::tei:note or parent::tei:head or parent::tei:q) then 'q' else 'blockquote'}">
      <xsl:attribute name="class" select="string-join(('quote', @type), ' ')"/>
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>
  <xsl:template match="tei:cit">
    <xsl:element name="{if (parent::tei:p or parent::tei:item or ancestor::tei:note) then 'span' else 'div'}">
      <xsl:attribute name="class">cit</xsl:attribute>
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>
  <!-- A q standing between paragraphs (OpenEdition's rend="quotation") is a block quotation. -->
  <xsl:template match="tei:q">
    <xsl:element name="{if (parent::*[self::tei:body or self::tei:front or self::tei:back or self::tei:div
                                      or matches(local-name(), '^div[1-7]$')]) then 'blockquote' else 'q'}">
      <xsl:attribute name="class">q</xsl:attribute>
      <xsl:if test="@who"><xsl:attribute name="data-who" select="@who"/></xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>
  <xsl:template match="tei:cit/tei:bibl | tei:bibl">
    <cite class="bibl">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates/>
    </cite>
  </xsl:template>
  <!-- Each entry an item, whatever it is (bibl, biblStruct, msDesc, a correspondence record of
       another vocabulary: CMIF's ct:correspDesc); its heading before it. -->
  <xsl:template match="tei:listBibl">
    <xsl:apply-templates select="tei:head"/>
    <!-- What the list is (Syriaca's "not a comprehensive list of editions") is said before it, not as an entry. -->
    <xsl:for-each select="tei:desc"><p class="list-desc"><xsl:apply-templates/></p></xsl:for-each>
    <ul class="list-bibl"><xsl:for-each select="* except (tei:head | tei:desc)"><li><xsl:apply-templates select="."/></li></xsl:for-each></ul>
  </xsl:template>

  <!-- ================================================================ phrase level -->
  <xsl:template match="tei:title">
    <cite class="title title-{(@level, 'm')[1]}"><xsl:apply-templates/></cite>
  </xsl:template>
  <xsl:template match="tei:emph">
    <em><xsl:apply-templates/></em>
  </xsl:template>
  <!-- Words mentioned, not used (Capitularia's descriptions quote the manuscript's "exactare"):
       set apart as print sets them, in italics. -->
  <xsl:template match="tei:mentioned">
    <i class="mentioned"><xsl:apply-templates/></i>
  </xsl:template>
  <!-- A phrase in a language written from right to left (Syriac, Arabic) keeps its direction, set
       apart from the words around it. -->
  <xsl:template match="tei:foreign">
    <i class="foreign">
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="ria:lang(@xml:lang)"/></xsl:if>
      <xsl:for-each select="@xml:lang ! ria:written-direction(ria:lang(.), current())"><xsl:attribute name="dir" select="."/></xsl:for-each>
      <xsl:apply-templates/>
    </i>
  </xsl:template>
  <xsl:template match="tei:term | tei:gloss | tei:num | tei:seg | tei:roleName | tei:name[not(@ref)] | tei:idno | tei:biblScope | tei:author | tei:editor | tei:publisher | tei:pubPlace | tei:forename | tei:surname | tei:addName">
    <span class="{local-name()}"><xsl:apply-templates/></span>
  </xsl:template>
  <!-- A part of a line set to the left, centre or right, as a letterhead's ("<seg rend="left">Neues
       Wiener Journal</seg><seg rend="right">Wien, IX.</seg>"): the parts stand apart, not run together. -->
  <xsl:template match="tei:seg[ria:alignment(.) or tokenize(lower-case(normalize-space(@rend)), ' ') = 'left']" priority="1">
    <xsl:if test="ria:alignment(.) and preceding-sibling::node()[normalize-space() or self::*]"><xsl:text> </xsl:text></xsl:if>
    <span class="seg {(ria:alignment(.), 'align-left')[1]}"><xsl:apply-templates/></span>
  </xsl:template>
  <!-- A seg typed by what it is, the TEI element it stands in for (the Letters of 1916 put a doubtful
       word in seg type="unclear", a farewell written on in the paragraph in seg type="closer"): shown
       as that element is, an unclear stretch marked, a letter's part on a line of its own. -->
  <xsl:template match="tei:seg[lower-case(normalize-space(@type)) = 'unclear']" priority="1.5">
    <span class="unclear" title="unclear in the source"><xsl:apply-templates/></span>
  </xsl:template>
  <xsl:template match="tei:seg[lower-case(normalize-space(@type)) = ('opener', 'closer', 'salute', 'signed', 'dateline', 'postscript')]" priority="1.5">
    <span class="{lower-case(normalize-space(@type))} letter-part"><xsl:apply-templates/></span>
  </xsl:template>
  <xsl:template match="tei:seg[lower-case(normalize-space(@type)) = 'foreign']" priority="1.5">
    <i class="foreign">
      <xsl:if test="@xml:lang"><xsl:attribute name="lang" select="ria:lang(@xml:lang)"/></xsl:if>
      <xsl:apply-templates/>
    </i>
  </xsl:template>
  <!-- An identifier written straight after a label's last word ("Library<idno>MS 561</idno>") is a
       word of its own. -->
  <xsl:template match="tei:idno[preceding-sibling::node()[1][self::text()][matches(., '[\p{L}\p{N}]$')]]" priority="1">
    <xsl:text> </xsl:text>
    <xsl:next-match/>
  </xsl:template>
  <xsl:template match="tei:gi">
    <code>&lt;<xsl:value-of select="."/>&gt;</code>
  </xsl:template>
  <xsl:template match="tei:att">
    <code>@<xsl:value-of select="."/></code>
  </xsl:template>
  <xsl:template match="tei:val | tei:code">
    <code><xsl:value-of select="."/></code>
  </xsl:template>

  <!-- (An empty @target, Pandoc's <ref target="">, points nowhere: words, not a link.) -->
  <xsl:template match="tei:ref[normalize-space(@target)][exists(ria:href(., tokenize(normalize-space(@target), ' ')[1]))]">
    <a href="{ria:href(., tokenize(normalize-space(@target), ' ')[1])}"><xsl:apply-templates/></a>
  </xsl:template>
  <xsl:template match="tei:ref">
    <span class="ref"><xsl:apply-templates/></span>
  </xsl:template>
  <!-- A reference of no words ("cf." by its type, as schnitzler-briefe's <ref type="schnitzler-briefe"
       subtype="cf" target="L00194"/>) reads as a pointer would: the text's title, or the address. -->
  <xsl:template match="tei:ref[not(node())][@target][ria:pointer-words(.)]" priority="0.75">
    <a class="ref" href="{ria:href(., tokenize(normalize-space(@target), ' ')[1])}"><xsl:value-of select="ria:pointer-words(.)"/></a>
  </xsl:template>
  <!-- One that leads nowhere here (schnitzler-briefe's <ref type="schnitzler-tagebuch"
       target="1895-10-09"/>, a day of the diary edition beside it) says where it points: the
       words it stands for are not lost. -->
  <xsl:template match="tei:ref[not(node())][normalize-space(@target)][not(ria:pointer-words(.))]
      [empty(ria:href(., tokenize(normalize-space(@target), ' ')[1]))]" priority="0.7">
    <span class="ref ref-elsewhere">
      <xsl:if test="normalize-space(@type)"><xsl:attribute name="title" select="normalize-space(@type)"/></xsl:if>
      <xsl:value-of select="tokenize(normalize-space(@target), ' ')[1]"/>
    </span>
  </xsl:template>
  <xsl:function name="ria:pointer-words" as="xs:string?">
    <xsl:param name="ref" as="element()"/>
    <xsl:variable name="target" select="tokenize(normalize-space($ref/@target), ' ')[1]"/>
    <xsl:variable name="file" select="substring-before(concat($target, '#'), '#')"/>
    <xsl:sequence select="if (matches($target, '^https?://')) then $target
        else if ($file and map:contains($linked-texts, $file)) then $linked-texts($file)[2] else ()"/>
  </xsl:function>
  <xsl:template match="tei:ptr[matches(@target, '^https?://')]">
    <a href="{tokenize(@target, ' ')[1]}"><xsl:value-of select="tokenize(@target, ' ')[1]"/></a>
  </xsl:template>
  <!-- A pointer to a described source in the header (a cited letter, a resolution). -->
  <!-- A pointer to another text of the corpus: that text's title, linked. -->
  <xsl:template match="tei:ptr[@target][map:contains($linked-texts, substring-before(concat(tokenize(@target, ' ')[1], '#'), '#'))]">
    <a class="ptr" href="{ria:href(., tokenize(@target, ' ')[1])}">
      <xsl:value-of select="$linked-texts(substring-before(concat(tokenize(@target, ' ')[1], '#'), '#'))[2]"/>
    </a>
  </xsl:template>
  <xsl:template match="tei:ptr[starts-with(@target, '#')][exists(ria:href(., @target))]">
    <a class="ptr" href="{ria:href(., tokenize(@target, ' ')[1])}">[source]</a>
  </xsl:template>
  <!-- A pointer to a passage of the text itself (Capitularia's contents, a list of chapters each
       pointing at its rubric in the text) is an arrow to it, kept apart from the item's words;
       it is no source. -->
  <xsl:template match="tei:ptr[starts-with(@target, '#')][exists(ria:href(., @target))]
      [key('ids', substring(tokenize(normalize-space(@target), ' ')[1], 2))[ancestor::tei:text]]" priority="0.75">
    <a class="ptr ptr-passage" href="{ria:href(., tokenize(@target, ' ')[1])}" title="Go to the passage" aria-label="Go to the passage">→</a>
    <xsl:call-template name="word-apart"/>
  </xsl:template>
  <xsl:template match="tei:ptr"/>
  <!-- Links cannot nest in HTML: inside what the page may render as a link (a reference, a linked
       name), a pointer is its words alone, and a reference is marked, not linked. (A note in a link
       is read in the list of notes, out of the link: what links there keeps its link.) -->
  <xsl:function name="ria:in-link-here" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="note" select="$node/ancestor::tei:note[not(@place = 'inline')][1]"/>
    <xsl:sequence select="if ($note) then ria:in-link($node) and not(ria:in-link($note) and
        empty(($node/ancestor::tei:ref[@target] | $node/ancestor::*[@ref] | $node/ancestor::*[ria:is-keyed-name(.)]) intersect $note/descendant::*))
        else ria:in-link($node)"/>
  </xsl:function>
  <xsl:template match="tei:ptr[ria:in-link-here(.)]" priority="1">
    <xsl:variable name="link"><xsl:next-match/></xsl:variable>
    <xsl:for-each select="$link/*"><span class="ptr"><xsl:value-of select="."/></span></xsl:for-each>
  </xsl:template>
  <xsl:template match="tei:ref[ria:in-link-here(.)]" priority="1">
    <span class="ref"><xsl:apply-templates/><xsl:if test="not(node())"><xsl:value-of select="ria:pointer-words(.)"/></xsl:if></span>
  </xsl:template>

  <!-- ================================================================ dates -->
  <!-- A date with a value HTML can read (a year, month or day) is a <time> with that value;
       any other (a span, a range, a value of another calendar alone) is a span, since a <time>
       without a machine-readable value must read as one in its words. A date inside a link is
       reached through the link, not focused on its own. -->
  <xsl:template match="tei:date">
    <xsl:variable name="gregorian" select="ria:date-label(., '')"/>
    <!-- @when-custom is an Old Style (Julian) date unless the date names another calendar (a
         hijri date), whose value is shown as written, since its months are not January …. -->
    <xsl:variable name="julian" select="if (ria:custom-is-julian(.)) then ria:date-label(., '-custom') else ()"/>
    <xsl:variable name="other-calendar" select="if (ria:custom-is-julian(.)) then () else
        (@when-custom, string-join((@from-custom, @to-custom), '–')[normalize-space()])[1]
        ! concat(., ' (', replace(string((../@datingMethod, ../@calendar)[1]), '^#', ''), ')')"/>
    <xsl:variable name="machine-readable" select="ria:html-date(@when)"/>
    <xsl:element name="{if ($machine-readable) then 'time' else 'span'}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:attribute name="class">date</xsl:attribute>
      <xsl:if test="$machine-readable"><xsl:attribute name="datetime" select="ria:extended-date(@when)"/></xsl:if>
      <xsl:if test="$julian"><xsl:attribute name="data-julian" select="$julian"/></xsl:if>
      <xsl:if test="$gregorian">
        <xsl:attribute name="title" select="if ($julian) then concat($gregorian, ' (New Style); ', $julian, ' (Old Style)')
            else string-join(($gregorian, $other-calendar), '; ')"/>
      </xsl:if>
      <xsl:if test="not($gregorian) and exists($other-calendar)"><xsl:attribute name="title" select="$other-calendar"/></xsl:if>
      <xsl:if test="$gregorian and not(ria:in-link(.))">
        <xsl:attribute name="tabindex">0</xsl:attribute>
      </xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- A time of day (@when an xs:dateTime) is a <time> with that moment, carded like a date:
       "7 November 1917, 22:40", and its Old Style day where the source gives one. -->
  <xsl:template match="tei:time">
    <xsl:variable name="moment" select="@when[. castable as xs:dateTime]"/>
    <xsl:variable name="julian" select="@when-custom[. castable as xs:dateTime]"/>
    <xsl:element name="{if ($moment) then 'time' else 'span'}" namespace="http://www.w3.org/1999/xhtml">
      <xsl:attribute name="class">date</xsl:attribute>
      <xsl:if test="$moment">
        <xsl:attribute name="datetime" select="$moment"/>
        <xsl:attribute name="title" select="concat(ria:moment-label($moment),
            if ($julian) then concat(' (New Style); ', ria:moment-label($julian), ' (Old Style)') else '')"/>
        <xsl:if test="not(ria:in-link(.))"><xsl:attribute name="tabindex">0</xsl:attribute></xsl:if>
      </xsl:if>
      <xsl:if test="$julian"><xsl:attribute name="data-julian" select="ria:moment-label($julian)"/></xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>
  <!-- Whether a date's custom value is Julian: the calendar it names says so, or it names none. -->
  <xsl:function name="ria:custom-is-julian" as="xs:boolean">
    <xsl:param name="date" as="element()"/>
    <xsl:variable name="named" select="($date/@datingMethod, $date/@calendar)[normalize-space()]"/>
    <xsl:sequence select="empty($named) or (some $calendar in $named satisfies matches($calendar, 'julian', 'i'))"/>
  </xsl:function>
  <xsl:function name="ria:moment-label" as="xs:string">
    <xsl:param name="value" as="xs:string"/>
    <xsl:sequence select="concat(ria:month(substring($value, 1, 10)), ', ', substring($value, 12, 5))"/>
  </xsl:function>

  <!-- Whether a TEI date value is one HTML's datetime takes: a year, year-month or full date. -->
  <xsl:function name="ria:html-date" as="xs:boolean">
    <xsl:param name="written" as="attribute()?"/>
    <xsl:variable name="value" select="$written ! ria:extended-date(.)"/>
    <xsl:sequence select="exists($value) and (
        (matches($value, '^\d{4}$'))
        or (matches($value, '^\d{4}-\d{2}$') and xs:integer(substring($value, 6, 2)) = 1 to 12)
        or ($value castable as xs:date and matches($value, '^\d{4}-\d{2}-\d{2}$')))"/>
  </xsl:function>

  <!-- ================================================================ pages -->
  <xsl:template match="tei:pb">
    <span class="pb" id="{ria:id(.)}" data-n="{@n}" role="note" aria-label="page {@n}">
      <a href="#{ria:id(.)}" class="pb-link">p. <xsl:value-of select="@n"/></a>
    </span>
  </xsl:template>
  <!-- (the Women Writers Project's mw, "metawork", is its forme work) -->
  <xsl:template match="tei:fw | tei:mw">
    <span class="fw{@type ! (' fw-' || .)}" aria-hidden="true" data-pagefind-ignore=""><xsl:apply-templates/></span>
  </xsl:template>
  <xsl:template match="tei:lb">
    <br/>
    <!-- Words a break parts though no space is written ("ligne<lb/>et", as eScriptorium and OCR-D
         export their lines) stay two words where the page is read as text (its search, a copy):
         whitespace after a line break is not shown. Not in a script written without spaces, where a
         line ends anywhere in a word: Tibetan, Thai, Lao, Myanmar, Khmer, Chinese and Japanese (CJK
         punctuation, kana, ideographs, full-width forms). Code points, not Unicode block names, which
         Saxon reports loading on the build's output. -->
    <xsl:variable name="spaced" select="'[^\s&#x0F00;-&#x0FFF;&#x0E00;-&#x0EFF;&#x1000;-&#x109F;&#x1780;-&#x17FF;&#x3000;-&#x30FF;&#x3400;-&#x4DBF;&#x4E00;-&#x9FFF;&#xF900;-&#xFAFF;&#xFF00;-&#xFFEF;&#x20000;-&#x2FA1F;]'"/>
    <xsl:if test="matches(preceding::text()[1], concat($spaced, '$')) and matches(following::text()[1], concat('^', $spaced))">
      <xsl:text>&#10;</xsl:text>
    </xsl:if>
  </xsl:template>
  <!-- A line break between blocks (a print line's end recorded between two speeches), or before
       the first words of its block, has no line to end: it would only open an empty line.
       (Below the list rule, which gives a break between list items a place of its own.) -->
  <xsl:template match="tei:lb[not(parent::tei:list)][ria:between-blocks(.) or ria:opens-block(.)]" priority="0.25"/>
  <!-- Between blocks: outside phrasing content, with a block (or nothing) on either side. A break
       between words in a closer or an address ("Ihr<lb/>ergebener") ends a line and stays. -->
  <xsl:function name="ria:between-blocks" as="xs:boolean">
    <xsl:param name="break" as="element()"/>
    <xsl:variable name="neighbours" select="($break/preceding-sibling::node()[not(self::text()[not(normalize-space())])][1],
        $break/following-sibling::node()[not(self::text()[not(normalize-space())])][1])"/>
    <xsl:sequence select="not(ria:in-phrasing($break)) and (every $n in $neighbours satisfies
        $n[self::tei:lb or self::tei:pb or self::tei:cb or self::tei:sp or self::tei:spGrp or self::tei:p or self::tei:ab or self::tei:lg
           or self::tei:l or self::tei:head or self::tei:stage or self::tei:speaker or self::tei:div or self::tei:list
           or self::tei:table or self::tei:figure or self::tei:castList or self::*:whiteline])"/>
  </xsl:function>
  <xsl:function name="ria:opens-block" as="xs:boolean">
    <xsl:param name="break" as="element()"/>
    <xsl:sequence select="exists($break/parent::*[not(ria:in-phrasing(.))]) and empty($break/preceding-sibling::node()[
        self::text()[normalize-space()] or self::*[not(self::tei:lb or self::tei:pb or self::tei:cb or self::tei:milestone
        or self::tei:anchor or self::tei:join or self::tei:fw)]])"/>
  </xsl:function>
  <xsl:template match="tei:milestone"/>
  <xsl:template match="tei:anchor">
    <span id="{ria:id(.)}" class="anchor"/>
  </xsl:template>
</xsl:stylesheet>
