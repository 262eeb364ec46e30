<?xml version="1.0" encoding="UTF-8"?>
<!-- The text's header as bibliographic data: who made what, from which source, under what rights. -->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ria="urn:revolution-in-arms"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:template match="tei:teiHeader">
    <xsl:variable name="file" select="tei:fileDesc"/>
    <dl class="metadata">
      <!-- Each title on a line of its own: a main title and its subtitle, a series and a letter's title.
           A header with no title has no Title term (HTML: a term without its description is invalid). -->
      <xsl:variable name="titles" select="$file/tei:titleStmt/tei:title[not(@type = 'iso-date')][normalize-space()]"/>
      <!-- (The ACDH's letters give their date as a title too, <title type="iso-date">1895-10-05</title>,
           for sorting: the page says the date as the letter's date; their other editions as an empty
           title, <title type="alternative" when-iso="1913-04-05"/>, which names nothing.) -->
      <xsl:if test="$titles">
        <dt>Title</dt>
        <xsl:for-each select="$titles">
          <dd><xsl:apply-templates select="." mode="header-inline"/></dd>
        </xsl:for-each>
      </xsl:if>
      <!-- GROBID's articles name their authors only in the source described. -->
      <xsl:for-each select="($file/tei:titleStmt/tei:author, $file[not(tei:titleStmt/tei:author)]/tei:sourceDesc/tei:biblStruct/tei:analytic/tei:author)">
        <dt>Author</dt>
        <dd><xsl:call-template name="header-children"/></dd>
      </xsl:for-each>
      <xsl:for-each select="$file/tei:titleStmt/(tei:editor | tei:respStmt)">
        <dt><xsl:value-of select="if (self::tei:editor) then 'Editor' else normalize-space(tei:resp[1])"/></dt>
        <!-- Each person named for a responsibility apart from the next: "A, B", not "AB". -->
        <dd><xsl:choose>
          <xsl:when test="self::tei:editor"><xsl:call-template name="header-children"/></xsl:when>
          <xsl:otherwise>
            <xsl:for-each select="tei:name | tei:persName | tei:orgName">
              <xsl:if test="position() gt 1"><xsl:value-of select="ria:field-separator(..)"/></xsl:if>
              <xsl:call-template name="header-children"/>
            </xsl:for-each>
          </xsl:otherwise>
        </xsl:choose></dd>
      </xsl:for-each>
      <xsl:for-each select="$file/tei:sourceDesc/(tei:bibl | tei:biblStruct | tei:listBibl[not(ria:lists-works(.))]/tei:bibl | tei:p)">
        <dt><xsl:value-of select="ria:typed-label('Source', @type)"/></dt>
        <dd>
          <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
          <xsl:call-template name="header-children"/>
        </dd>
      </xsl:for-each>
      <!-- A list of the works the text names, each by its record alone (Schnitzler–Fischer's
           <listBibl><bibl ref="#pmb29935"><title>Anatol</title></bibl></listBibl>): the works, not sources. -->
      <xsl:for-each select="$file/tei:sourceDesc/tei:listBibl[ria:lists-works(.)]">
        <dt>Works</dt>
        <dd><xsl:for-each select="tei:bibl">
          <xsl:if test="position() gt 1">; </xsl:if>
          <xsl:call-template name="header-children"/>
        </xsl:for-each></dd>
      </xsl:for-each>
      <!-- A reference the source description makes to something related (Schnitzler–Fischer's
           <ref type="journal_entry" target="…">, the diary's day that mentions the letter). -->
      <xsl:for-each select="$file/tei:sourceDesc/(tei:ref | tei:ptr)[normalize-space() or normalize-space(@target)]">
        <dt><xsl:value-of select="ria:typed-label('See also', @type)"/></dt>
        <dd><xsl:apply-templates select="." mode="header-inline"/></dd>
      </xsl:for-each>
      <!-- The notes on the text its file description gathers (notesStmt: where the letter was printed,
           what kind of document it is), each a row named by its type. -->
      <!-- A note that is an address and nothing else (the ACDH's <note type="chronik_entry">https://…</note>)
           is a link to it: an address shown as text leads nowhere. -->
      <xsl:for-each select="$file/tei:notesStmt/tei:note[normalize-space()]">
        <dt><xsl:value-of select="if (normalize-space(@type)) then concat('Note (', normalize-space(translate(@type, '-_', '  ')), ')') else 'Note'"/></dt>
        <dd><xsl:choose>
          <xsl:when test="not(*) and matches(normalize-space(), '^https?://\S+$')">
            <a href="{normalize-space()}"><xsl:value-of select="normalize-space()"/></a>
          </xsl:when>
          <xsl:otherwise><xsl:call-template name="header-children"/></xsl:otherwise>
        </xsl:choose></dd>
      </xsl:for-each>
      <xsl:for-each select="$file/tei:extent">
        <dt>Extent</dt>
        <dd><xsl:call-template name="header-children"/></dd>
      </xsl:for-each>
      <xsl:for-each select="$file/tei:publicationStmt/tei:availability">
        <dt>Rights<xsl:if test="normalize-space(@status)"> (<xsl:value-of select="@status"/>)</xsl:if></dt>
        <!-- (GROBID writes an empty licence: its absence is said, not an empty description) -->
        <dd><xsl:choose>
          <xsl:when test="normalize-space() or .//@target[normalize-space()]"><xsl:call-template name="header-children"/></xsl:when>
          <xsl:otherwise>not stated in the TEI</xsl:otherwise>
        </xsl:choose></dd>
      </xsl:for-each>
      <!-- What the text is classed under (textClass/keywords: its terms, or its list's items), a line a
           scheme; a scheme this header itself holds, or the header above it (its teiCorpus's, the
           edition's corpus header: common.xsl), is named by its taxonomy's gloss or description. -->
      <xsl:for-each select="tei:profileDesc/tei:textClass/tei:keywords[(tei:term | tei:list/tei:item)[normalize-space()]]">
        <xsl:variable name="id" select="substring-after(@scheme, '#')"/>
        <xsl:variable name="scheme" select="(key('ids', $id)[self::tei:taxonomy], $taxonomies-above[@xml:id = $id])[1]
            ! normalize-space((tei:gloss, tei:desc, tei:bibl)[normalize-space()][1])"/>
        <dt>Keywords<xsl:if test="$scheme"> (<xsl:value-of select="$scheme"/>)</xsl:if></dt>
        <dd><xsl:if test="normalize-space(@xml:lang)"><xsl:attribute name="lang" select="ria:lang(normalize-space(@xml:lang))"/></xsl:if>
          <xsl:value-of select="string-join((tei:term | tei:list/tei:item)[normalize-space()] ! normalize-space(.), '; ')"/></dd>
      </xsl:for-each>
      <!-- The text's index entries (generic.xsl marks their places, out of the running words): each
           once, in the order first met, for a reader who cannot hover over a mark. -->
      <xsl:variable name="index-entries" select="distinct-values(/tei:TEI/tei:text//tei:index[not(parent::tei:index)] ! ria:index-entries(.))"/>
      <xsl:if test="exists($index-entries)">
        <dt>Index entries</dt>
        <dd class="index-entries"><xsl:value-of select="string-join($index-entries, '; ')"/></dd>
      </xsl:if>
      <!-- The file's own history (revisionDesc), a row of the list like the others. -->
      <xsl:if test="tei:revisionDesc//tei:change">
        <dt>Revisions</dt>
        <dd><ul class="revisions">
          <!-- Changes straight in the revisionDesc, or in its lists of changes (listChange). -->
          <xsl:for-each select="tei:revisionDesc//tei:change">
            <!-- A change dated only in its words (P4's change/date) is listed by them. -->
            <!-- In <time> only where HTML reads its value: not a year BCE, a date with its time zone, a month without its year. -->
            <!-- (dated in ISO's form, @when-iso, as GRETIL's and Ambuda's files date theirs, as well) -->
            <xsl:variable name="when" select="(@when, @when-iso)[normalize-space()][1]"/>
            <li><xsl:choose>
              <xsl:when test="ria:html-date($when)"><time datetime="{ria:extended-date($when)}"><xsl:value-of select="ria:extended-date($when)"/></time>: </xsl:when>
              <xsl:when test="$when"><xsl:value-of select="$when"/>: </xsl:when>
            </xsl:choose><xsl:call-template name="header-children"/></li>
          </xsl:for-each>
        </ul></dd>
      </xsl:if>
    </dl>
    <xsl:if test="tei:encodingDesc/tei:editorialDecl">
      <div class="editorial-decl">
        <xsl:apply-templates select="tei:encodingDesc/tei:editorialDecl//tei:p" mode="header-block"/>
      </div>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:p" mode="header-block">
    <p><xsl:call-template name="header-children"/></p>
  </xsl:template>
  <xsl:template match="tei:list" mode="header-inline">
    <ul><xsl:for-each select="tei:item"><li><xsl:call-template name="header-children"/></li></xsl:for-each></ul>
  </xsl:template>
  <xsl:template match="tei:quote" mode="header-inline">
    <q><xsl:call-template name="header-children"/></q>
  </xsl:template>
  <xsl:template match="tei:title" mode="header-inline">
    <cite><xsl:call-template name="header-children"/></cite>
  </xsl:template>
  <xsl:template match="tei:ref[matches(@target, '^https?://')] | tei:licence[matches(@target, '^https?://')]" mode="header-inline">
    <a href="{@target}"><xsl:call-template name="header-children"/></a>
  </xsl:template>
  <!-- An element TEI does not define standing where a licence would, in an availability, with an
       address (Ambuda's <license target="…">, the licence misspelt) is read as the licence it means. -->
  <xsl:template match="tei:availability/*[not(self::tei:p | self::tei:ab | self::tei:licence | self::tei:ref | self::tei:ptr)]
      [matches(@target, '^https?://')]" mode="header-inline" priority="3">
    <xsl:variable name="licence" as="element(tei:licence)">
      <tei:licence><xsl:copy-of select="@target, node()"/></tei:licence>
    </xsl:variable>
    <xsl:apply-templates select="$licence" mode="header-inline"/>
  </xsl:template>
  <!-- A licence given by its address alone (<licence target="https://creativecommons.org/licenses/by/4.0/"/>):
       the address is the link's words, not an empty link. -->
  <xsl:template match="tei:licence[matches(@target, '^https?://')][not(normalize-space())]" mode="header-inline" priority="2">
    <a href="{@target}"><xsl:value-of select="replace(@target, '^https?://(www\.)?', '')"/></a>
  </xsl:template>
  <!-- A licence stated in sentences (a licence's terms, paragraphs of them) is read as text and its
       address linked after it: a link paragraphs long says nothing of where it leads. -->
  <xsl:template match="tei:licence[matches(@target, '^https?://')][tei:p or string-length(normalize-space()) gt 60]"
      mode="header-inline" priority="1">
    <xsl:call-template name="header-children"/>
    <xsl:text> </xsl:text>
    <a class="licence-link" href="{@target}"><xsl:value-of select="replace(@target, '^https?://(www\.)?', '')"/></a>
  </xsl:template>
  <!-- A line break in the header (a letter's title that breaks its line between the correspondents
       and the place: "Karl Amerling an Leo Thun<lb/>Prag, 20. Juli 1853") breaks the line there, a
       space before it so that the words on either side stay words apart; one in the middle of a
       word (break="no") joins its halves. -->
  <xsl:template match="tei:lb" mode="header-inline">
    <xsl:if test="preceding-sibling::node()[1][self::text()][matches(., '\S$')]"><xsl:text> </xsl:text></xsl:if>
    <br/>
  </xsl:template>
  <xsl:template match="tei:lb[@break = 'no']" mode="header-inline" priority="1"/>
  <xsl:template match="tei:note" mode="header-inline">
    <span class="header-note"> (<xsl:call-template name="header-children"/>)</span>
  </xsl:template>
  <!-- A note its writer put in parentheses already ("(full digital facsimile)") is not given a second pair. -->
  <xsl:template match="tei:note[matches(normalize-space(), '^\([^()]*\)$')]" mode="header-inline">
    <span class="header-note"><xsl:text> </xsl:text><xsl:call-template name="header-children"/></span>
  </xsl:template>
  <xsl:template match="tei:p" mode="header-inline">
    <span class="p"><xsl:call-template name="header-children"/></span>
  </xsl:template>
  <!-- Parts written side by side are kept apart so that their words do not run together.
       Where the parts are all their parent holds (a record of fields: origin's place and date,
       a bibl's author, title and imprint, several names of one action) they are set apart by a
       comma, "Old town, Second century AD", the layout's whitespace between them left out; the
       parts of one name (forename, surname) and a responsibility from its holder ("translated by"
       "A") by a space, as in prose written with nothing between its parts (<date>…</date><item>…</item>). -->
  <xsl:template name="header-children">
    <xsl:for-each select="node()">
      <xsl:if test="self::*"><xsl:value-of select="ria:header-separator(.)"/></xsl:if>
      <xsl:apply-templates select="." mode="header-inline"/>
    </xsl:for-each>
  </xsl:template>
  <xsl:template match="*" mode="header-inline">
    <xsl:call-template name="header-children"/>
  </xsl:template>
  <xsl:template match="text()[ria:between-fields(.)]" mode="header-inline" priority="1"/>
  <!-- A name written in its parts only (DraCor's <persName><forename>Леонид</forename> <forename
       type="patronym">Николаевич</forename> <surname>Андреев</surname></persName>): the parts, a
       space between, none after (the file's line break before </persName> stood before the comma
       that parts it from the next field). -->
  <xsl:template match="tei:persName[*][every $child in node() satisfies ($child/self::*[local-name() = $name-parts]
      or $child/self::text()[not(normalize-space())])]" mode="header-inline">
    <xsl:for-each select="*">
      <xsl:if test="position() gt 1"><xsl:text> </xsl:text></xsl:if>
      <xsl:apply-templates select="." mode="header-inline"/>
    </xsl:for-each>
  </xsl:template>
  <!-- An address given as an identifier (DraCor's source <idno type="URL">): a link to it. -->
  <xsl:template match="tei:idno[lower-case(@type) = ('url', 'uri')][matches(normalize-space(), '^https?://\S+$')]" mode="header-inline">
    <a href="{normalize-space()}"><xsl:value-of select="normalize-space()"/></a>
  </xsl:template>
  <!-- A reference written as its address and nothing else, with no target (the Laßberg letters' printed
       edition, <bibl>… S. 231<ref>https://books.google.de/…</ref></bibl>): a link to that address. -->
  <xsl:template match="tei:ref[not(normalize-space(@target))][not(*)][matches(normalize-space(), '^https?://\S+$')]"
      mode="header-inline">
    <a href="{normalize-space()}"><xsl:value-of select="normalize-space()"/></a>
  </xsl:template>
  <!-- An authority record's number (DraCor's author <idno type="wikidata">Q310866</idno>): a link to
       the record, said with the authority's name. -->
  <xsl:variable name="authority-records" select="map{
      'wikidata': ('Wikidata', 'https://www.wikidata.org/wiki/'), 'viaf': ('VIAF', 'https://viaf.org/viaf/'),
      'gnd': ('GND', 'https://d-nb.info/gnd/'), 'geonames': ('GeoNames', 'https://www.geonames.org/')}"/>
  <xsl:template match="tei:idno[map:contains($authority-records, lower-case(normalize-space(@type)))]
      [matches(normalize-space(), '^[\w-]+$')]" mode="header-inline">
    <xsl:variable name="authority" select="$authority-records(lower-case(normalize-space(@type)))"/>
    <a href="{$authority[2]}{normalize-space()}"><xsl:value-of select="$authority[1], normalize-space()"/></a>
  </xsl:template>

  <!-- A row's label with the type of what it names in words: a type written in camel case, DraCor's
       "digitalSource", or with _ or -, "journal_entry", said in words ("digital source", "journal entry"). -->
  <xsl:function name="ria:typed-label" as="xs:string">
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="type" as="attribute()?"/>
    <xsl:sequence select="if (normalize-space($type)) then concat($label, ' (', normalize-space(lower-case(
        translate(replace($type, '([a-z])([A-Z])', '$1 $2'), '-_', '  '))), ')') else $label"/>
  </xsl:function>
  <xsl:function name="ria:lists-works" as="xs:boolean">
    <xsl:param name="list" as="element()"/>
    <xsl:sequence select="exists($list/tei:bibl) and empty($list/*[not(self::tei:bibl)])
        and (every $bibl in $list/tei:bibl satisfies (normalize-space($bibl/@ref) and exists($bibl/tei:title)
             and empty($bibl/*[not(self::tei:title)]) and not($bibl/text()[normalize-space()])))"/>
  </xsl:function>
  <!-- A link given by its address alone in the header (<ptr target="…"/>, a ref of no words): the address. -->
  <xsl:template match="(tei:ptr | tei:ref[not(normalize-space())])[matches(@target, '^https?://')]" mode="header-inline" priority="1">
    <a href="{@target}"><xsl:value-of select="@target"/></a>
  </xsl:template>

  <xsl:variable name="name-parts" select="('forename', 'surname', 'addName', 'roleName', 'genName', 'nameLink')"/>
  <!-- Parts of the header that stand apart from their neighbours whatever their parent. -->
  <xsl:variable name="header-blocks" select="('p', 'list', 'item', 'note', 'lb', 'pb', 'ab', 'table')"/>

  <xsl:function name="ria:holds-fields" as="xs:boolean">
    <xsl:param name="parent" as="element()"/>
    <xsl:sequence select="empty($parent/text()[normalize-space()]) and not($parent/self::tei:persName)"/>
  </xsl:function>
  <xsl:function name="ria:is-field" as="xs:boolean">
    <xsl:param name="node" as="node()?"/>
    <xsl:sequence select="exists($node/self::*[not(local-name() = $header-blocks)])"/>
  </xsl:function>

  <xsl:function name="ria:between-fields" as="xs:boolean">
    <xsl:param name="text" as="text()"/>
    <xsl:sequence select="not(normalize-space($text)) and exists($text/parent::*) and ria:holds-fields($text/parent::*)
        and ria:is-field($text/preceding-sibling::node()[1]) and ria:is-field($text/following-sibling::node()[1])"/>
  </xsl:function>

  <xsl:function name="ria:header-separator" as="xs:string?">
    <xsl:param name="part" as="element()"/>
    <xsl:variable name="before" select="$part/preceding-sibling::node()[not(self::text()[not(normalize-space())])][1]"/>
    <xsl:sequence select="
        if ($part/self::tei:forename and $before/self::tei:surname and ria:surname-first($part)) then ', '
        else if (not(ria:is-field($part) and ria:is-field($before)) or not(normalize-space($part))) then
          (if ($part/preceding-sibling::node()[1][self::*] and not(local-name($part) = ('p', 'list', 'note'))) then ' ' else ())
        else if (not(ria:holds-fields($part/..))) then
          (if ($part/preceding-sibling::node()[1][self::*]) then ' ' else ())
        else if (not($part/preceding-sibling::*[normalize-space()])) then ()
        else if (local-name($part) = $name-parts and local-name($before) = $name-parts) then ria:name-part-separator($before, $part)
        else if ($before/self::tei:resp) then ' '
        else ria:field-separator($part/..)"/>
  </xsl:function>

  <!-- A name's parts are words of one name, but a name written surname first (ediarum's
       <surname>Muster</surname><forename>Erika</forename>) reads "Muster, Erika". -->
  <xsl:function name="ria:name-part-separator" as="xs:string">
    <xsl:param name="before" as="element()"/>
    <xsl:param name="part" as="element()"/>
    <xsl:sequence select="if ($before/self::tei:surname and $part/self::tei:forename) then ', ' else ' '"/>
  </xsl:function>

  <!-- A name's words outside the text (a letter's line, a character's name), its parts never run
       together (<forename>Ann</forename><surname>Smith</surname> is "Ann Smith"): "Muster, Erika" for a name written surname
       first with nothing or only the layout's whitespace between its parts, as the header reads
       it (header.xsl); the writer's own words between parts ("Roe, Ben") kept as written. -->
  <xsl:function name="ria:name-words" as="xs:string">
    <xsl:param name="name" as="element()"/>
    <xsl:sequence select="normalize-space(string-join(
        for $node in $name/node() return
          if ($node instance of text()) then
            (if (not(normalize-space($node)) and $node/preceding-sibling::node()[1][local-name() = $name-parts]
                 and $node/following-sibling::node()[1][local-name() = $name-parts]) then '' else string($node))
          else if ($node instance of element()) then
            concat(if (local-name($node) = $name-parts and $node/preceding-sibling::*[1][local-name() = $name-parts]
                       and empty($node/preceding-sibling::node()[1][self::text()][normalize-space()]))
                   then ria:name-part-separator($node/preceding-sibling::*[1], $node) else '',
                   if ($node/*) then ria:name-words($node) else string($node))
          else '', ''))"/>
  </xsl:function>

  <!-- A forename after its surname with nothing but whitespace between: the comma stands for it. -->
  <xsl:function name="ria:surname-first" as="xs:boolean">
    <xsl:param name="forename" as="element()"/>
    <xsl:sequence select="exists($forename/preceding-sibling::*[1][self::tei:surname])
        and empty($forename/preceding-sibling::node()[1][self::text()][normalize-space()])"/>
  </xsl:function>
  <xsl:template match="text()[not(normalize-space())][following-sibling::node()[1][self::tei:forename][ria:surname-first(.)]]"
      mode="header-inline" priority="2"/>

  <!-- A comma between fields, a semicolon where a field has commas of its own (names written
       surname first: "Müller, Anna; Roe, Ben"). -->
  <xsl:function name="ria:field-separator" as="xs:string">
    <xsl:param name="parent" as="element()"/>
    <xsl:sequence select="if ($parent/*[contains(., ',')]) then '; ' else ', '"/>
  </xsl:function>
  <xsl:template match="text()" mode="header-inline">
    <xsl:value-of select="."/>
  </xsl:template>
</xsl:stylesheet>
