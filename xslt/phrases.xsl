<?xml version="1.0" encoding="UTF-8"?>
<!--
  Phrase-level and small structures as other projects write them: highlighting by @rend
  (and @rendition, @style) in their many spellings, alternatives that are not a correction
  pair, table cells that span rows, glossary lists whose items and labels do not pair.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ria="urn:revolution-in-arms"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns:h="http://www.w3.org/1999/xhtml"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:variable name="alternatives-labels" select="map{
      'about': 'About these readings',
      'entry': ' — alternative readings of the copy-text'}"/>

  <!-- ================================================================ highlighting -->
  <!-- The spellings of @rend (and @rendition ids, CSS values of @style) that mean a kind of
       highlighting the page shows, in the words of projects writing in other languages too (the
       Spanish chapbooks' "cursiva", "negrita"); any other value becomes a class of its own. -->
  <xsl:variable name="rend-kinds" select="map{
      'italic': 'italic', 'italics': 'italic', 'ital': 'italic', 'i': 'italic', 'it': 'italic', 'kursiv': 'italic', 'cursive': 'italic',
      'bold': 'bold', 'b': 'bold', 'bf': 'bold', 'fett': 'bold', 'strong': 'bold',
      'underline': 'underline', 'underlined': 'underline', 'u': 'underline', 'ul': 'underline', 'uu': 'underline',
      'cursiva': 'italic', 'corsivo': 'italic', 'italique': 'italic', 'cursief': 'italic', 'itálica': 'italic',
      'negrita': 'bold', 'negreta': 'bold', 'negrito': 'bold', 'grassetto': 'bold', 'gras': 'bold', 'vet': 'bold',
      'subrayado': 'underline', 'sottolineato': 'underline', 'souligné': 'underline', 'unterstrichen': 'underline',
      'versalitas': 'smallcaps', 'maiuscoletto': 'smallcaps', 'kapitälchen': 'smallcaps',
      'sup': 'superscript', 'super': 'superscript', 'superscript': 'superscript', 'sup.': 'superscript',
      'sub': 'subscript', 'subscript': 'subscript',
      'spaced': 'letterspaced', 'spaced_out': 'letterspaced', 'spaced-out': 'letterspaced', 'letterspaced': 'letterspaced',
      'letter-spaced': 'letterspaced', 'letterspace': 'letterspaced', 'letterspacing': 'letterspaced', 'letter-spacing': 'letterspaced', 'gesperrt': 'letterspaced', 'g': 'letterspaced',
      'in': 'initial', 'initial': 'initial', 'initiale': 'initial', 'dropcap': 'initial', 'drop-cap': 'initial', 'drop_cap': 'initial',
      'smallcaps': 'smallcaps', 'small-caps': 'smallcaps', 'small_caps': 'smallcaps', 'sc': 'smallcaps', 'k': 'smallcaps',
      'capitals': 'uppercase', 'allcaps': 'uppercase', 'all-caps': 'uppercase', 'uppercase': 'uppercase', 'upper-case': 'uppercase',
      'latintype': 'antiqua', 'latin': 'antiqua', 'antiqua': 'antiqua',
      'doubleunderline': 'underline',
      'strikethrough': 'strikethrough', 'doublestrikethrough': 'strikethrough', 'strike': 'strikethrough', 'strikeout': 'strikethrough', 'struck': 'strikethrough',
      'line-through': 'strikethrough', 'overstrike': 'strikethrough', 'overstrike-through': 'strikethrough'}"/>

  <!-- "align(center)case(smallcaps)": each "name(value)" a value of its own. -->
  <xsl:function name="ria:rend-pairs-apart" as="xs:string">
    <xsl:param name="rend" as="xs:string"/>
    <xsl:sequence select="replace($rend, '\)(\S)', ') $1')"/>
  </xsl:function>

  <!-- The classes of a hi: "hi", the kinds of highlighting it names, then its other rend values. -->
  <xsl:function name="ria:rend-classes" as="xs:string*">
    <xsl:param name="hi" as="element()"/>
    <!-- A "name:value" pair is its value ("text-style:italic"), but Transkribus writes each kind as
         a switch, "underline:true;superscript:true;": the kind is the name, and one set false is none. -->
    <!-- The Women Writers Project's "name(value)" pairs, written one against the next
         ("slant(italic)case(smallcaps)"), are read as their values, as "name:value" is. -->
    <xsl:variable name="values" select="tokenize(normalize-space(replace(ria:rend-pairs-apart(string-join(($hi/@rend, $hi/@rendition, $hi/@style), ' ')), '[;#,]', ' ')), ' ')
        [not(ends-with(., ':'))][not(matches(., '^[\w-]+:false$', 'i'))]
        ! replace(., '^[\w-]+\(([^()\s]*)\)$', '$1')
        ! lower-case(if (matches(., '^[\w-]+:true$', 'i')) then substring-before(., ':') else replace(., '^[\w-]+:', ''))"/>
    <xsl:variable name="kinds" select="($values[map:contains($rend-kinds, .)] ! $rend-kinds(.),
        ria:css-kinds(ria:css-of($hi))[not(starts-with(., 'align-'))], ria:dta-looks($hi))"/>
    <xsl:variable name="others" select="$values[not(map:contains($rend-kinds, .))][not(. = ria:dta-ids($hi))]
        ! replace(., '[^\w-]+', '-')[matches(., '\w')]"/>
    <xsl:sequence select="distinct-values(('hi', $kinds,
        if ($kinds = 'underline' and ($values = 'uu' or $hi/@n[. castable as xs:integer] ! xs:integer(.) ge 2)) then 'double' else (),
        $others))"/>
  </xsl:function>

  <!-- The DTA base format's own rendition ids, which the DTA's texts (and texts made from them) use
       without declaring them in the header: what its typography pages say each means ("#et" set in,
       "#et2", "#et3" further; "#c" centred, "#right" flush right; "#aq" Antiqua, "#fr" Fraktur in a
       print of the other type; "#s" struck through). One the header declares says its own look (css-of). -->
  <xsl:variable name="dta-renditions" select="map{
      'et': 'indent', 'et2': 'indent2', 'et3': 'indent3', 'c': 'align-center', 'right': 'align-right',
      's': 'strikethrough', 'aq': 'antiqua', 'fr': 'fraktur', 'larger': 'larger', 'smaller': 'smaller',
      'red': 'red', 'blue': 'blue'}"/>
  <!-- The DTA ids an element's @rendition points to that its document does not declare. -->
  <xsl:function name="ria:dta-ids" as="xs:string*">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="tokenize(normalize-space($element/@rendition), ' ')[starts-with(., '#')] ! substring(., 2)
        [map:contains($dta-renditions, .)][not(key('ids', ., root($element))[self::tei:rendition])]"/>
  </xsl:function>
  <xsl:function name="ria:dta-looks" as="xs:string*">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="ria:dta-ids($element) ! $dta-renditions(.)"/>
  </xsl:function>

  <!-- The CSS an element's look is given by: its @style and the rendition elements of the header
       (tagsDecl) its @rendition points to (the DTA's "#b", "#g", Dingler's "#wide", "#center"). -->
  <xsl:function name="ria:css-of" as="xs:string">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="string-join(($element/@style, tokenize(normalize-space($element/@rendition), ' ')[starts-with(., '#')]
        ! key('ids', substring(., 2), root($element))[self::tei:rendition][not(@scheme) or @scheme = 'css']), ';')"/>
  </xsl:function>
  <!-- The kinds of highlighting (and the alignment of a block) that CSS declarations give. -->
  <xsl:function name="ria:css-kinds" as="xs:string*">
    <xsl:param name="css" as="xs:string"/>
    <xsl:variable name="declarations" select="map{
        'italic': 'font-style\s*:\s*(italic|oblique)', 'bold': 'font-weight\s*:\s*(bold|[6-9]00)',
        'letterspaced': 'letter-spacing\s*:\s*[.1-9]', 'smallcaps': 'font-variant\s*:\s*small-caps',
        'superscript': 'vertical-align\s*:\s*super', 'subscript': 'vertical-align\s*:\s*sub',
        'underline': 'text-decoration[^;]*underline', 'strikethrough': 'text-decoration[^;]*line-through',
        'align-center': 'text-align\s*:\s*center', 'align-right': 'text-align\s*:\s*right'}"/>
    <xsl:sequence select="map:keys($declarations)[matches(lower-case($css), $declarations(.))]"/>
  </xsl:function>

  <!-- A block (paragraph, heading, title part, imprint) set centred or to the right by its
       @rend, @rendition or @style keeps that alignment: a class on what it renders. -->
  <xsl:function name="ria:alignment" as="xs:string?">
    <xsl:param name="block" as="element()"/>
    <!-- (TEI Simple Print names its renditions "simple:centre") -->
    <xsl:variable name="values" select="tokenize(lower-case(normalize-space(replace(ria:rend-pairs-apart(string-join(($block/@rend, $block/@rendition), ' ')), '[#,;]', ' '))), ' ')
        ! replace(., '^simple:', '')"/>
    <xsl:sequence select="(if ($values = ('center', 'centre', 'centered', 'centred', 'c', 'align(center)')) then 'align-center'
        else if ($values = ('right', 'align(right)', 'flush-right')) then 'align-right' else (),
        ria:css-kinds(ria:css-of($block))[starts-with(., 'align-')])[1]"/>
  </xsl:function>
  <!-- A block set in, by the DTA's "#et", "#et2", "#et3", by @rend "indent" ("indent2", "et", "et2")
       or by the left margin its CSS gives (em counted in steps of two): "indent", "indent2" … "indent4".
       (A verse line's @rend indent is the line's own, generic.xsl.) -->
  <xsl:function name="ria:indentation" as="xs:string?">
    <xsl:param name="block" as="element()"/>
    <xsl:variable name="by-rend" select="tokenize(lower-case(normalize-space($block[not(self::tei:l)]/@rend)), ' ')
        [matches(., '^(indent[1-4]?|et[23]?)$')] ! replace(replace(., '^et', 'indent'), '1$', '')"/>
    <xsl:variable name="margin" select="analyze-string(lower-case(ria:css-of($block)),
        '(margin|padding)-(left|inline-start)\s*:\s*([0-9]*\.?[0-9]+)\s*(r?em)?')/*:match[1]"/>
    <xsl:variable name="by-css" select="$margin[number(*:group[@nr = 3]) gt 0]
        ! (if (*:group[@nr = 4]) then max((1, min((4, round(number(*:group[@nr = 3]) div 2))))) else 1)
        ! (if (. = 1) then 'indent' else concat('indent', .))"/>
    <xsl:sequence select="(ria:dta-looks($block)[starts-with(., 'indent')], $by-rend, $by-css)[1]"/>
  </xsl:function>
  <!-- A block's look by its @rendition or @style (TEI Simple Print's <p rendition="simple:italic">,
       a rendition of the header whose CSS sets it bold): the classes hi takes for that look, the
       block's own words shown so. (@rend on a block is many projects' note of layout, left as it was.) -->
  <xsl:function name="ria:block-looks" as="xs:string*">
    <xsl:param name="block" as="element()"/>
    <xsl:variable name="values" select="tokenize(lower-case(normalize-space(replace($block/@rendition, '[#,;]', ' '))), ' ')
        ! replace(., '^[\w-]+:', '')"/>
    <xsl:variable name="kinds" select="($values[map:contains($rend-kinds, .)] ! $rend-kinds(.),
        ria:css-kinds(ria:css-of($block))[not(starts-with(., 'align-'))],
        ria:dta-looks($block)[not(matches(., '^(align-|indent)'))])[not(. = ('superscript', 'subscript', 'initial'))]"/>
    <xsl:sequence select="if (exists($kinds)) then distinct-values(('hi', $kinds)) else ()"/>
  </xsl:function>
  <xsl:template match="(tei:p | tei:head | tei:ab | tei:l | tei:titlePart | tei:docTitle | tei:docImprint | tei:byline | tei:docAuthor
      | tei:docDate | tei:dateline | tei:salute | tei:signed | tei:trailer | tei:cell)[@rend | @rendition | @style][exists((ria:alignment(.), ria:indentation(.), ria:block-looks(.)))]" priority="15">
    <xsl:variable name="rendered"><xsl:next-match/></xsl:variable>
    <xsl:variable name="classes" select="ria:alignment(.), ria:indentation(.), ria:block-looks(.)"/>
    <xsl:for-each select="$rendered/node()">
      <xsl:choose>
        <xsl:when test="self::*">
          <xsl:copy>
            <xsl:copy-of select="@*"/>
            <xsl:attribute name="class" select="string-join(distinct-values((tokenize(normalize-space(@class), ' '), $classes)), ' ')"/>
            <xsl:copy-of select="node()"/>
          </xsl:copy>
        </xsl:when>
        <xsl:otherwise><xsl:copy-of select="."/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- Super- and subscript and italic and bold have HTML elements of their own; the rest are classes (edition.css). -->
  <xsl:template match="tei:hi" priority="1">
    <xsl:variable name="classes" select="ria:rend-classes(.)"/>
    <xsl:element name="{ria:hi-element($classes)}">
      <xsl:attribute name="class" select="string-join($classes, ' ')"/>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>
  <xsl:function name="ria:hi-element" as="xs:string">
    <xsl:param name="classes" as="xs:string*"/>
    <xsl:sequence select="if ($classes = 'superscript') then 'sup' else if ($classes = 'subscript') then 'sub'
        else if ($classes = 'italic') then 'i' else if ($classes = 'bold') then 'b' else 'span'"/>
  </xsl:function>

  <!-- Any other phrase raised or lowered by its @rend, @rendition or @style (an edition number
       after a year, "1st", "H2O") is set so, around whatever it renders: run in as plain text,
       "1890" and a superscript "3" would read as one number. A note keeps its own marker. -->
  <xsl:template match="tei:*[@rend | @rendition | @style][not(self::tei:hi or self::tei:note)][.//text()[normalize-space()]]
      [ria:in-phrasing(.)][ria:rend-classes(.) = ('superscript', 'subscript')]" priority="14">
    <xsl:element name="{if (ria:rend-classes(.) = 'superscript') then 'sup' else 'sub'}">
      <xsl:next-match/>
    </xsl:element>
  </xsl:template>

  <!-- ================================================================ alternatives -->
  <!-- A choice of alternative readings (seg, unclear …) that is not a correction, regularisation
       or expansion: the first is read, the others follow it, in both views (so it is not an
       "app", which the page's view switch looks for); the apparatus lists them. -->
  <xsl:template match="tei:choice[not(tei:sic | tei:orig | tei:abbr | tei:am | tei:corr | tei:reg | tei:expan | tei:ex)]" priority="1">
    <span class="choice-alternatives" id="{ria:app-id(.)}">
      <span class="alternative"><xsl:apply-templates select="*[1]/node()"/></span>
      <xsl:for-each select="*[position() gt 1]">
        <span class="alternative other"><xsl:apply-templates/></span>
      </xsl:for-each>
      <!-- Inside a link (a linked name, a reference) the entry is found from the apparatus only. -->
      <xsl:if test="not(ancestor::*[@ref][self::tei:persName or self::tei:placeName or self::tei:orgName or self::tei:rs or self::tei:name]
          or ancestor::tei:ref[@target])">
        <a class="app-ref" href="#{ria:app-id(.)}-note" aria-label="{$alternatives-labels('about')}">°</a>
      </xsl:if>
    </span>
  </xsl:template>
  <xsl:template match="tei:choice[not(tei:sic | tei:orig | tei:abbr | tei:am | tei:corr | tei:reg | tei:expan | tei:ex)]" mode="apparatus" priority="1">
    <li id="{ria:app-id(.)}-note" class="app-entry">
      <a href="#{ria:app-id(.)}" class="app-backlink" aria-label="Back to the text">↑</a>
      <xsl:text> </xsl:text>
      <span class="lem"><xsl:apply-templates select="*[1]/node()" mode="apparatus-text"/></span>
      <xsl:text>] </xsl:text>
      <xsl:for-each select="*[position() gt 1]">
        <xsl:if test="position() gt 1"><xsl:text> | </xsl:text></xsl:if>
        <span class="rdg"><xsl:apply-templates mode="apparatus-text"/></span>
      </xsl:for-each>
      <xsl:value-of select="$alternatives-labels('entry')"/>
    </li>
  </xsl:template>

  <!-- ================================================================ quantities -->
  <!-- A quantity as an account book counts it (DEPCHA's bookkeeping: <measure unit="shilling"
       quantity="4">4</measure>, a clerk's "-" for quantity="0", <measure commodity="wheat"
       unit="bushel" quantity="2">2 bu. wheat</measure>) or a number written in words
       (<num value="4">four</num>): the words as written, titled with what they count, as a date
       is with the day it names. -->
  <xsl:template match="tei:text//tei:measure[normalize-space()]">
    <span class="measure">
      <xsl:call-template name="counted-title">
        <xsl:with-param name="counted" select="string-join((@quantity, @unit, @commodity)[normalize-space()] ! normalize-space(.), ' ')"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </span>
  </xsl:template>
  <xsl:template match="tei:text//tei:num[normalize-space(@value)]" priority="1">
    <span class="num">
      <xsl:call-template name="counted-title"><xsl:with-param name="counted" select="normalize-space(@value)"/></xsl:call-template>
      <xsl:apply-templates/>
    </span>
  </xsl:template>
  <xsl:template name="counted-title">
    <xsl:param name="counted" as="xs:string"/>
    <xsl:if test="$counted and $counted ne normalize-space(.)"><xsl:attribute name="title" select="$counted"/></xsl:if>
  </xsl:template>

  <!-- ================================================================ tables and glossaries -->
  <!-- A cell spanning rows or columns; a heading cell says whether it heads a column or a row. -->
  <xsl:template match="tei:cell[not(ria:in-phrasing(.))]" priority="0.75">
    <xsl:param name="spans" as="map(xs:string, xs:integer+)" select="map{}" tunnel="yes"/>
    <xsl:variable name="heading" select="@role = 'label' or parent::tei:row/@role = 'label'"/>
    <xsl:variable name="fitted" select="$spans(generate-id())"/>
    <xsl:element name="{if ($heading) then 'th' else 'td'}">
      <xsl:if test="$heading"><xsl:attribute name="scope" select="if (parent::tei:row/@role = 'label') then 'col' else 'row'"/></xsl:if>
      <xsl:if test="@cols[. castable as xs:integer]"><xsl:attribute name="colspan" select="($fitted[1], @cols)[1]"/></xsl:if>
      <xsl:if test="@rows[. castable as xs:integer]"><xsl:attribute name="rowspan" select="($fitted[2], @rows)[1]"/></xsl:if>
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates/>
      <!-- A page break between rows that this cell and the spans beside it cover wholly, which has
           no column of its own to stand in: its mark at the end of the cell that spans it. -->
      <xsl:variable name="table" select="parent::tei:row/parent::tei:table"/>
      <xsl:for-each select="$spans(concat('breaks-in-', generate-id()))">
        <xsl:text> </xsl:text>
        <xsl:apply-templates select="$table/*[current()]"><xsl:with-param name="in-cell" select="true()"/></xsl:apply-templates>
      </xsl:for-each>
    </xsl:element>
  </xsl:template>

  <!-- Each cell's column and row span (by generate-id), cut to what the table holds, and the
       table's width ('width'): HTML counts a span into a column no cell begins in, or past the
       last row, as an error, and a span of 0 or less as no span. A wild table's cell with cols="2"
       under a cell spanning rows from above reaches into a third column of a two-column table.
       What stands between rows (a page break) is a row of the page's table too: a cell spanning
       rows across it spans it as well, and the break row's own cells (by its generate-id: the
       widths of its runs of columns no such cell covers) begin only where the span leaves room. -->
  <xsl:function name="ria:cell-spans" as="map(xs:string, xs:integer+)">
    <xsl:param name="table" as="element(tei:table)"/>
    <xsl:variable name="rows" select="$table/tei:row"/>
    <xsl:variable name="breaks" select="$table/*[not(self::tei:row or self::tei:head)][ria:renders-table-break(.)]"/>
    <xsl:variable name="lines" select="$rows | $breaks"/>
    <xsl:variable name="placed" as="map(*)*">
      <xsl:iterate select="$lines">
        <!-- For each column still covered by a cell from a row above: the rows it covers yet. -->
        <xsl:param name="covered" as="map(xs:integer, xs:integer)" select="map{}"/>
        <xsl:param name="row" as="xs:integer" select="0"/>
        <xsl:variable name="line" select="position()"/>
        <xsl:choose>
          <xsl:when test="self::tei:row">
            <xsl:variable name="cells" as="map(*)*">
              <xsl:iterate select="tei:cell">
                <xsl:param name="column" as="xs:integer" select="1"/>
                <xsl:variable name="start" select="($column to $column + map:size($covered))[not(map:contains($covered, .))][1]"/>
                <xsl:variable name="cols" select="max((1, @cols[. castable as xs:integer] ! xs:integer(.)))"/>
                <xsl:variable name="rowspan" select="max((1, @rows[. castable as xs:integer] ! xs:integer(.)))"/>
                <xsl:sequence select="map{'id': generate-id(), 'row': $row + 1, 'line': $line, 'start': $start, 'cols': $cols, 'rows': $rowspan}"/>
                <xsl:next-iteration><xsl:with-param name="column" select="$start + $cols"/></xsl:next-iteration>
              </xsl:iterate>
            </xsl:variable>
            <xsl:sequence select="$cells"/>
            <xsl:next-iteration>
              <xsl:with-param name="row" select="$row + 1"/>
              <xsl:with-param name="covered" select="map:merge((
                  map:keys($covered)[$covered(.) gt 1] ! map{.: $covered(.) - 1},
                  $cells[?rows gt 1] ! (for $c in ?start to ?start + ?cols - 1 return map{$c: ?rows - 1})))"/>
            </xsl:next-iteration>
          </xsl:when>
          <!-- (after the last row no span reaches on: each is cut there) -->
          <xsl:otherwise>
            <xsl:sequence select="map{'id': generate-id(), 'break': true(), 'line': $line,
                                      'index': count(preceding-sibling::*) + 1,
                                      'covered': if ($row lt count($rows)) then map:keys($covered) else ()}"/>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:iterate>
    </xsl:variable>
    <!-- A column no cell begins in is left out: each cell spans the columns that are left of its own. -->
    <xsl:variable name="cells" select="$placed[not(?break)]"/>
    <xsl:variable name="columns" select="sort(distinct-values($cells?start))"/>
    <xsl:variable name="row-lines" select="for $i in 1 to count($lines) return $i[$lines[$i][self::tei:row]]"/>
    <xsl:variable name="last-lines" as="xs:integer*" select="for $cell in $cells return $row-lines[min(($cell?row + $cell?rows - 1, count($rows)))]"/>
    <!-- A break every column of which a span covers has no row of its own (HTML's row would have no
         column to stand in): the cell over the first column holds its mark (the cell template). -->
    <xsl:variable name="holders" as="map(xs:string, xs:integer)" select="map:merge(
        for $break in $placed[?break][every $c in $columns satisfies $c = ?covered]
        return (for $i in 1 to count($cells) return $i[$cells[$i]?start eq $columns[1]
                    and $cells[$i]?line lt $break?line and $last-lines[$i] gt $break?line])[last()] ! map{$break?id: .})"/>
    <xsl:variable name="held" select="$placed[?break][map:contains($holders, ?id)]"/>
    <!-- Nor has a row without cells, which HTML counts as an error (it is there to be spanned). -->
    <xsl:variable name="unshown" as="xs:integer*" select="$held ! ?line, for $l in $row-lines return $l[ria:is-empty-row($lines[$l])]"/>
    <xsl:sequence select="map:merge((
        for $i in 1 to count($cells)
        return map{$cells[$i]?id: (count($columns[. ge $cells[$i]?start and . lt $cells[$i]?start + $cells[$i]?cols]),
            $last-lines[$i] - $cells[$i]?line + 1 - count($unshown[. gt $cells[$i]?line and . le $last-lines[$i]]))},
        for $break in $placed[?break]
        return map{$break?id: ria:uncovered-runs($columns ! not(. = $break?covered))},
        for $holder in distinct-values($held ! $holders(?id))
        return map{concat('breaks-in-', $cells[$holder]?id): $held[$holders(?id) eq $holder] ! xs:integer(?index)},
        map{'width': count($columns)}))"/>
  </xsl:function>

  <!-- Whether what stands between a table's rows is shown there (a row of its own), or not at all
       (a line break, an anchor): asked of the rule that shows it, below. -->
  <xsl:function name="ria:renders-table-break" as="xs:boolean">
    <xsl:param name="node" as="element()"/>
    <xsl:variable name="rendered"><xsl:apply-templates select="$node"/></xsl:variable>
    <xsl:sequence select="exists($rendered/*)"/>
  </xsl:function>

  <!-- A table's row with nothing in it: no row of the page's table (HTML counts a row no cell begins
       in as an error), though a span over it from a row above counts it as the TEI does. So too a
       row of cells that hold nothing (the cinema edition's film to fill in: <cell><date></date></cell>…),
       unless a cell spans rows or something in it has an id a link may lead to (a row is all a
       table may hold between its rows). -->
  <xsl:function name="ria:is-empty-row" as="xs:boolean">
    <xsl:param name="row" as="element()"/>
    <xsl:sequence select="$row/self::tei:row and not(normalize-space($row)) and (not($row/*)
        or (empty($row/descendant::*/(@xml:id | @rows)) and ria:renders-nothing($row)))"/>
  </xsl:function>
  <xsl:template match="tei:row[ria:is-empty-row(.)][not(ria:in-phrasing(.))]" priority="2"/>

  <!-- The widths of the runs of free columns, left to right, as a break row's cells fill them (a row
       every column of which a span covers has none: the cell above holds its mark, ria:cell-spans). -->
  <xsl:function name="ria:uncovered-runs" as="xs:integer+">
    <xsl:param name="free" as="xs:boolean*"/>
    <xsl:variable name="runs" as="xs:integer*">
      <xsl:for-each-group select="$free" group-adjacent=".">
        <xsl:if test="current-grouping-key()"><xsl:sequence select="count(current-group())"/></xsl:if>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:sequence select="if (exists($runs)) then $runs else 0"/>
  </xsl:function>

  <!-- What stands between a table's rows (an account book's page break, a running head, a note):
       a row of its own across the table, not left out. A line break there ends no line. Where a
       cell above spans rows across it, the row's cells are those the span leaves, its words in the first. -->
  <xsl:template match="tei:table/*[not(self::tei:row or self::tei:head)]" priority="20">
    <xsl:param name="spans" as="map(xs:string, xs:integer+)" select="map{}" tunnel="yes"/>
    <xsl:param name="in-cell" as="xs:boolean" select="false()"/>
    <xsl:variable name="rendered"><xsl:next-match/></xsl:variable>
    <xsl:if test="$in-cell"><xsl:copy-of select="$rendered"/></xsl:if>
    <xsl:if test="not($in-cell or self::tei:lb or $spans(generate-id()) = 0) and ($rendered/node()[not(self::text()[not(normalize-space())])])">
      <xsl:choose>
        <xsl:when test="ria:in-phrasing(parent::tei:table)">
          <span class="row table-break"><span class="cell"><xsl:copy-of select="$rendered"/></span></span>
        </xsl:when>
        <xsl:otherwise>
          <xsl:variable name="width" select="($spans?width, max((1, parent::tei:table/tei:row ! sum(tei:cell ! (if (@cols castable as xs:integer) then xs:integer(@cols) else 1)))))[1]"/>
          <xsl:variable name="runs" select="if (map:contains($spans, generate-id())) then $spans(generate-id()) else $width"/>
          <tr class="table-break">
            <xsl:for-each select="$runs">
              <td>
                <xsl:if test=". gt 0"><xsl:attribute name="colspan" select="."/></xsl:if>
                <xsl:if test="position() = 1"><xsl:copy-of select="$rendered"/></xsl:if>
              </td>
            </xsl:for-each>
          </tr>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <!-- A glossary whose labels and items do not pair one to one, or with page breaks or running
       heads between its entries: each in its place, none dropped. What stands between entries is
       a dd of the entry before it (one before the first entry precedes the list). -->
  <xsl:template match="tei:list[tei:label][not(ria:in-phrasing(.))]
      [* except (tei:head | tei:label | tei:item[preceding-sibling::*[1][self::tei:label]])]" priority="2.5">
    <xsl:variable name="entries" select="tei:label | tei:item"/>
    <xsl:apply-templates select="tei:head"/>
    <xsl:for-each select="* except (tei:head | $entries[1] | $entries[1]/following-sibling::*)">
      <xsl:call-template name="list-break-content"/>
    </xsl:for-each>
    <dl class="{ria:classes(('list', @type))}">
      <!-- (an item before any label, DBNL's "<item>a</item><label>b)</label><item>…": HTML's dl
           opens with a term, here one of no words) -->
      <xsl:if test="$entries[1][self::tei:item]"><dt class="label-none"/></xsl:if>
      <xsl:for-each select="$entries[1], $entries[1]/following-sibling::* except tei:head">
        <xsl:choose>
          <xsl:when test="self::tei:label"><dt><xsl:apply-templates/></dt></xsl:when>
          <xsl:when test="self::tei:item"><dd><xsl:apply-templates/></dd></xsl:when>
          <xsl:otherwise><dd class="list-break"><xsl:call-template name="list-break-content"/></dd></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
    </dl>
  </xsl:template>

  <!-- A break between list items as its rules make it, without the list item body.xsl wraps it in. -->
  <xsl:template name="list-break-content">
    <xsl:variable name="rendered"><xsl:apply-templates select="."/></xsl:variable>
    <xsl:copy-of select="$rendered/(h:li/node(), node()[not(self::h:li)])"/>
  </xsl:template>
</xsl:stylesheet>
