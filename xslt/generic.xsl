<?xml version="1.0" encoding="UTF-8"?>
<!--
  Generic rules for TEI this edition does not use itself but other projects' texts do
  (letters: postscripts, deletions and additions, addresses, verse, referring strings,
  anonymous blocks). Where an element may stand between paragraphs or inside one, its
  rule asks ria:in-phrasing() (content-model.xsl) which form it takes.
  Each is a plain HTML rendering of the element's meaning; the edition's own elements
  keep their rules in the other stylesheets.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ria="urn:revolution-in-arms"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- A referring string ("my deputy", "the drama") names an entry without being a name. -->
  <xsl:template match="tei:rs">
    <span class="name rs"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:postscript">
    <div class="postscript"><xsl:apply-templates/></div>
  </xsl:template>

  <!-- The writer's own corrections, shown as made: struck through and inserted. -->
  <xsl:template match="tei:del">
    <del class="del"><xsl:apply-templates/></del>
  </xsl:template>
  <!-- A deletion whose letters are counted, not transcribed (Capitularia's <del unit="chars"
       quantity="1"/>, an emptied <del/> in a substitution): marked where it stands, how much it
       was said, rather than an empty element no reader sees. -->
  <xsl:template match="tei:del[not(* or normalize-space())]">
    <del class="del del-untranscribed" title="{string-join(('Deleted, not transcribed', ria:gap-extent(.)), ': ')}">⟦…⟧</del>
  </xsl:template>
  <xsl:template match="tei:add">
    <ins class="add">
      <xsl:if test="@place"><xsl:attribute name="title" select="concat('added ', @place)"/></xsl:if>
      <xsl:apply-templates/>
    </ins>
  </xsl:template>

  <!-- A deletion or addition that runs from where it is marked to the point its @spanTo names,
       across lines and verses (the Whitman Archive's drafts cancel a whole poem so,
       <delSpan rend="hashmark" spanTo="#d1"/> … <anchor xml:id="d1"/>): the words between are
       kept, and where it begins and ends is marked (⟦ … ⟧ struck out, \ … / written in), each
       mark saying what it is. A stretch the support has damaged (damageSpan, its @agent the
       water or the tear) is marked alike, ⸢ … ⸣. -->
  <xsl:key name="span-ends" match="tei:delSpan[@spanTo] | tei:addSpan[@spanTo] | tei:damageSpan[@spanTo]" use="substring-after(@spanTo, '#')"/>
  <xsl:variable name="span-marks" select="map{
      'delSpan': map{'start': '⟦', 'end': '⟧', 'said': 'struck out'},
      'addSpan': map{'start': '\', 'end': '/', 'said': 'written in'},
      'damageSpan': map{'start': '⸢', 'end': '⸣', 'said': 'damaged'}}"/>
  <xsl:template match="tei:delSpan | tei:addSpan | tei:damageSpan">
    <xsl:variable name="mark" select="$span-marks(local-name())"/>
    <span class="{local-name()} span-start" role="note"
        aria-label="{string-join(($mark('said'), 'from here', (@rend, @agent)[normalize-space()][1] ! concat('(', normalize-space(.), ')'), 'to', $mark('end')), ' ')}">
      <xsl:value-of select="$mark('start')"/>
    </span>
  </xsl:template>
  <xsl:template match="tei:*[@xml:id][key('span-ends', @xml:id)]" priority="30">
    <xsl:next-match/>
    <xsl:for-each select="reverse(key('span-ends', @xml:id))">
      <xsl:variable name="mark" select="$span-marks(local-name())"/>
      <span class="{local-name()} span-end" role="note" aria-label="{concat('end of what is ', $mark('said'))}">
        <xsl:value-of select="$mark('end')"/>
      </span>
    </xsl:for-each>
  </xsl:template>

  <!-- An address on its own is a block of lines; inside a sentence, a phrase (ria:in-phrasing, content-model.xsl). -->
  <xsl:template match="tei:address">
    <xsl:element name="{if (ria:in-phrasing(.)) then 'span' else 'div'}">
      <xsl:attribute name="class">address</xsl:attribute>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>
  <xsl:template match="tei:addrLine">
    <span class="addrLine"><xsl:apply-templates/></span><br/>
  </xsl:template>

  <!-- Verse: a stanza and its lines are blocks between paragraphs (and in a speech); inside a
       paragraph or a stage direction, phrases with a line break after each line. -->
  <xsl:template match="tei:lg">
    <xsl:element name="{if (ria:in-phrasing(.)) then 'span' else 'div'}">
      <xsl:attribute name="class" select="string-join(('lg', @type), ' ')"/>
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>
  <xsl:template match="tei:lg/tei:head">
    <p class="lg-head"><xsl:apply-templates/></p>
  </xsl:template>
  <!-- A line a speech shares with the next (part="I", "M", "F"; Théâtre classique writes them in
       lower case) is indented after its first part; a line the print set in (Project Gutenberg's
       rend="indent", "indent2") keeps its indent. -->
  <xsl:template match="tei:l">
    <xsl:variable name="class" select="string-join(('l', @part ! upper-case(normalize-space(.))[. = ('I', 'M', 'F')] ! concat('part-', .),
        tokenize(@rend)[matches(., '^indent[1-4]?$')]), ' ')"/>
    <xsl:choose>
      <xsl:when test="ria:in-phrasing(.)">
        <span class="{$class}">
          <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
          <xsl:apply-templates/>
        </span><br/>
      </xsl:when>
      <xsl:otherwise>
        <div class="{$class}">
          <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
          <xsl:apply-templates/>
        </div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Code, as converters write it (Pandoc's <ab type="codeblock ">, <seg type="code">; <eg>):
       its spaces and lines are its meaning, kept as written, a block in a <pre> (a code of its own
       where only phrasing may stand, a note's body), the newlines that open and close it left out. -->
  <xsl:function name="ria:is-code" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="tokenize(lower-case(normalize-space($element/@type)), ' ') = ('codeblock', 'code', 'programlisting', 'verbatim')"/>
  </xsl:function>
  <xsl:template match="tei:ab[ria:is-code(.)] | tei:eg" priority="2">
    <xsl:variable name="code">
      <code class="{if (self::tei:eg) then 'eg' else 'ab code'}">
        <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
        <xsl:value-of select="replace(replace(string(.), '^[ \t]*\n', ''), '\n\s*$', '')"/>
      </code>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="ria:in-phrasing(.)"><xsl:sequence select="$code"/></xsl:when>
      <xsl:otherwise><pre class="code"><xsl:sequence select="$code"/></pre></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="tei:seg[ria:is-code(.)]" priority="2">
    <code class="seg"><xsl:value-of select="."/></code>
  </xsl:template>

  <!-- An index entry (index/term, its subentries nested indexes: TEIGarage's from Word's XE fields,
       ediarum's registers) marks a place for an index; its terms are not words of the text, which
       often go on to say them ("über die <index>…Sternwarte…</index>Sternwarte"). A point, as a
       hand's change is: its entry said to a screen reader and in its title, never run into the text. -->
  <xsl:template match="tei:index[not(parent::tei:index)]">
    <xsl:variable name="said" select="concat('Index: ', string-join(ria:index-entries(.), '; '))"/>
    <span class="index" role="note" aria-label="{$said}" title="{$said}">
      <xsl:if test="normalize-space(@indexName)"><xsl:attribute name="data-index" select="normalize-space(@indexName)"/></xsl:if>
    </span>
  </xsl:template>
  <!-- "securitization", "New Security Theory › Copenhagen School › desecuritization": an entry's
       terms, each subentry after its heading. -->
  <xsl:function name="ria:index-entries" as="xs:string*">
    <xsl:param name="index" as="element()"/>
    <xsl:variable name="terms" select="string-join($index/tei:term ! normalize-space(string-join(.//text(), ' '))[.], ', ')"/>
    <xsl:sequence select="if ($index/tei:index) then $index/tei:index ! ria:index-entries(.) ! string-join(($terms[.], .), ' › ')
        else $terms[.]"/>
  </xsl:function>

  <!-- An anonymous block: a paragraph in all but name. -->
  <xsl:template match="tei:ab">
    <xsl:element name="{if (ria:in-phrasing(.)) then 'span' else 'p'}">
      <xsl:attribute name="class">ab</xsl:attribute>
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- An anchor is a point, but some projects' anchors hold words (and notes): the point is
       marked and the words are kept. -->
  <xsl:template match="tei:anchor[node()]" priority="1">
    <span id="{ria:id(.)}" class="anchor"/>
    <xsl:apply-templates/>
  </xsl:template>

  <!-- Transcribed spacing is layout; a space keeps the words apart. -->
  <xsl:template match="tei:space">
    <xsl:text> </xsl:text>
  </xsl:template>
  <!-- A verse's caesura is written between the half-lines with nothing around it (CBETA's
       "如是我聞<caesura/>一時", Old English "Gardena<caesura/>in"): a wide space parts them, an
       ideographic one in a script written without spaces. -->
  <xsl:template match="tei:caesura">
    <span class="caesura">
      <xsl:value-of select="if (matches(string(preceding::text()[1]), concat($unspaced-script, '\s*$'))) then '&#x3000;' else '&#x2003;'"/>
    </span>
  </xsl:template>

  <!-- A page break the source does not number: marked, not labelled with an empty number.
       (Below the list rule of body.xsl, which wraps a break between list items in an item.) -->
  <xsl:template match="tei:pb[not(@n)]" priority="0.25">
    <span class="pb pb-unnumbered" id="{ria:id(.)}" role="separator" aria-label="page break">|</span>
  </xsl:template>
</xsl:stylesheet>
