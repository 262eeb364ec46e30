<?xml version="1.0" encoding="UTF-8"?>
<!--
  The numbers a text is cited by (Perseus's canonical texts: book 1, chapter 2, section 3, cited
  "1.2.3"; a section begun by a milestone; the lines of a poem), shown where the print shows
  them: a numbered division without a heading is labelled, a section by its number in the
  margin, its full reference as its title; a milestone of a citable unit with a number and no
  look of its own is that number; every fifth numbered line of verse, its number. A milestone
  without a number, or of a unit nobody cites (a paragraph, a page), stays unshown. A numbered
  division is an anchor a reader can link to ("book 1, chapter 2" at #ref-1.2), and its number
  or label is the link to it, to be copied.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ria="urn:revolution-in-arms"
    xmlns:h="http://www.w3.org/1999/xhtml"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- (and the units religious and legal texts are cited by: the Mishnah's orders, tractates and
       mishnayot, the Tosefta's halakhot, the Quran's suras and ayas, canon law's distinctions,
       causes, questions and canons, the Liber Extra's books, titles and chapters, a capitulary) -->
  <xsl:variable name="cited-units" as="xs:string*" select="('book', 'chapter', 'section', 'subsection', 'card', 'line', 'verse', 'clause', 'article',
      'order', 'tractate', 'mishnah', 'halakhah', 'halacha', 'sura', 'surah', 'aya', 'ayah', 'hadith', 'psalm',
      'distinctio', 'causa', 'quaestio', 'canon', 'liber', 'titulus', 'capitulum', 'capitulare', 'law')"/>

  <!-- A division's number as a citation uses it: short, not an identifier (an edition's CTS URN). -->
  <xsl:function name="ria:reference-n" as="xs:string?">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="normalize-space($element/@n)[matches(., '^[\p{L}\p{N}][\p{L}\p{N}.\-]{0,15}$')]
        [not($element/@type = 'edition')]"/>
  </xsl:function>

  <!-- What the division is a unit of: Perseus's subtype of a textpart, else its type. -->
  <xsl:function name="ria:unit-name" as="xs:string?">
    <xsl:param name="division" as="element()"/>
    <xsl:variable name="unit" select="($division/@subtype[../@type = 'textpart'], $division/@type[. != 'textpart'], $division/@subtype)
        [normalize-space()][1] ! replace(normalize-space(.), '[-_]', ' ')"/>
    <xsl:sequence select="$unit ! concat(upper-case(substring(., 1, 1)), substring(., 2))"/>
  </xsl:function>

  <!-- A division is a unit of citation when it is a textpart (EpiDoc's and Perseus's), a book,
       chapter or section, or the header declares how the text is cited (refsDecl); a letter's
       writing session numbered 1 is none. -->
  <xsl:variable name="cites-divisions" as="xs:boolean" select="exists(/tei:TEI/tei:teiHeader/tei:encodingDesc/tei:refsDecl)"/>
  <xsl:function name="ria:is-cited-division" as="xs:boolean">
    <xsl:param name="division" as="element()"/>
    <xsl:sequence select="exists(ria:reference-n($division)) and not($division/tei:head[normalize-space() or *])
        and ($cites-divisions or $division/@type = 'textpart' or (($division/@type, $division/@subtype) ! lower-case(.)) = $cited-units)"/>
  </xsl:function>

  <!-- A division's full reference: its own number after those of the divisions around it ("1.2.3"). -->
  <xsl:function name="ria:division-reference" as="xs:string">
    <xsl:param name="division" as="element()"/>
    <xsl:sequence select="ria:joined-reference($division/ancestor-or-self::*[ria:is-division(.)] ! ria:reference-n(.))"/>
  </xsl:function>
  <!-- Numbers joined by points; a number that already holds those before it (a statute's clause
       "1.2" in clause "1") is the reference as it stands, not "1.1.2". -->
  <xsl:function name="ria:joined-reference" as="xs:string">
    <xsl:param name="numbers" as="xs:string*"/>
    <xsl:sequence select="fold-left($numbers, '', function($reference, $n) {
        if ($reference eq '') then $n else if (starts-with($n, concat($reference, '.'))) then $n else concat($reference, '.', $n)})"/>
  </xsl:function>

  <!-- The id a cited division is linked by. Its own xml:id when it has one: the page already gives
       its section that id, and links to it keep working. Else "ref-" and its reference, readable
       in an address (#ref-1.2.3); a second division of the same reference (an edition and its
       translation numbered alike, the texts of a group) adds its count after an underscore, which
       no number holds (ria:reference-n). An id the text gives something else is never taken. -->
  <xsl:key name="cited-divisions" match="*[ria:is-division(.)][ria:is-cited-division(.)]" use="ria:division-reference(.)"/>
  <xsl:function name="ria:reference-id" as="xs:string">
    <xsl:param name="division" as="element()"/>
    <xsl:variable name="reference" select="ria:division-reference($division)"/>
    <xsl:variable name="earlier" select="count(key('cited-divisions', $reference, root($division))[. &lt;&lt; $division])"/>
    <xsl:variable name="id" select="concat('ref-', $reference, if ($earlier gt 0) then concat('_', $earlier + 1) else '')"/>
    <xsl:sequence select="if ($division/@xml:id or exists(key('ids', $id, root($division)))) then ria:id($division) else $id"/>
  </xsl:function>

  <xsl:template match="*[ria:is-division(.)][ria:is-cited-division(.)]" priority="0.9">
    <xsl:variable name="division"><xsl:next-match/></xsl:variable>
    <xsl:variable name="n" select="ria:reference-n(.)"/>
    <xsl:variable name="reference" select="ria:division-reference(.)"/>
    <xsl:variable name="id" select="ria:reference-id(.)"/>
    <xsl:variable name="unit" select="ria:unit-name(.)"/>
    <!-- A division of divisions, or of sections begun by milestones, is labelled on a line of its
         own ("Chapter 2"); the smallest unit by its number in the margin. -->
    <xsl:variable name="holds-divisions" select="exists(*[ria:is-division(.)] | .//tei:milestone[ria:is-cited-milestone(.)])"/>
    <xsl:for-each select="$division/node()">
      <xsl:choose>
        <xsl:when test="self::h:section">
          <xsl:copy>
            <xsl:copy-of select="@*"/>
            <xsl:attribute name="id" select="$id"/>
            <!-- The number or label links to the division itself, so that its address can be copied. -->
            <xsl:choose>
              <xsl:when test="$holds-divisions">
                <p class="div-label"><a href="#{$id}"><xsl:value-of select="string-join(($unit, $n), ' ')"/></a></p>
              </xsl:when>
              <xsl:otherwise>
                <a class="ref-number div-ref" href="#{$id}" title="{string-join(($unit, $reference), ' ')}"
                   aria-label="{string-join(($unit, $reference), ' ')}"><xsl:value-of select="$n"/></a>
                <xsl:text> </xsl:text>
              </xsl:otherwise>
            </xsl:choose>
            <xsl:copy-of select="node()"/>
          </xsl:copy>
        </xsl:when>
        <xsl:otherwise><xsl:copy-of select="."/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- The table of contents leads to the same anchor as the division's own link, and names a
       division titled by its unit alone by its number too ("Clause 2", "Book Exod", not "Clause"). -->
  <xsl:template match="*[ria:is-division(.)][ria:is-cited-division(.)]" mode="toc" priority="0.9">
    <xsl:variable name="entry"><xsl:next-match/></xsl:variable>
    <xsl:variable name="id" select="ria:reference-id(.)"/>
    <xsl:variable name="unit" select="ria:unit-name(.)"/>
    <xsl:variable name="numbered" select="string-join(($unit, ria:reference-n(.)), ' ')"/>
    <xsl:for-each select="$entry/h:li">
      <xsl:copy>
        <xsl:copy-of select="@*"/>
        <xsl:for-each select="h:a[1]">
          <xsl:copy><xsl:copy-of select="@*"/><xsl:attribute name="href" select="concat('#', $id)"/>
            <xsl:choose>
              <xsl:when test="not(*) and normalize-space() = $unit"><xsl:value-of select="$numbered"/></xsl:when>
              <xsl:otherwise><xsl:copy-of select="node()"/></xsl:otherwise>
            </xsl:choose>
          </xsl:copy>
        </xsl:for-each>
        <xsl:copy-of select="node() except h:a[1]"/>
      </xsl:copy>
    </xsl:for-each>
  </xsl:template>

  <!-- A text withheld from a public build keeps its divisions as sections (withheld.xsl): they are
       at the same addresses, where the contents lead. -->
  <xsl:template match="tei:div[ria:is-cited-division(.)]" mode="withheld" priority="0.9">
    <xsl:variable name="section"><xsl:next-match/></xsl:variable>
    <xsl:variable name="id" select="ria:reference-id(.)"/>
    <xsl:for-each select="$section/h:section">
      <xsl:copy><xsl:copy-of select="@*"/><xsl:attribute name="id" select="$id"/><xsl:copy-of select="node()"/></xsl:copy>
    </xsl:for-each>
  </xsl:template>

  <!-- A milestone of a citable unit, numbered, with no look of its own (a rule, stars: breaks.xsl). -->
  <xsl:template match="tei:milestone[ria:is-cited-milestone(.)][not(@unit = 'line') or ria:shows-line-number(@n)]">
    <xsl:variable name="reference" select="ria:point-reference(.)"/>
    <!-- A space keeps the number apart from the words on either side (none inside a word). -->
    <xsl:variable name="before" select="string(preceding-sibling::node()[1][self::text()])"/>
    <xsl:variable name="after" select="string(following-sibling::node()[1][self::text()])"/>
    <xsl:variable name="word-before" select="matches($before, '\S$')"/>
    <xsl:variable name="word-after" select="matches($after, '^\S')"/>
    <xsl:if test="$word-before and not($word-after)"><xsl:text> </xsl:text></xsl:if>
    <xsl:choose>
      <!-- A verse is an address of its own (#ref-Gen.3.1), its number the link to it. -->
      <xsl:when test="lower-case(normalize-space(@unit)) = 'verse' and not(ria:in-link(.))">
        <a class="ref-number verse-ref" id="{ria:point-id(.)}" href="#{ria:point-id(.)}" title="{concat(normalize-space(@unit), ' ', $reference)}"
           aria-label="{concat(normalize-space(@unit), ' ', $reference)}"><xsl:value-of select="ria:reference-n(.)"/></a>
      </xsl:when>
      <xsl:otherwise>
        <span class="ref-number" title="{concat(normalize-space(@unit), ' ', $reference)}"><xsl:value-of select="ria:reference-n(.)"/></span>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="not($word-before) and not(matches($after, '^\s'))"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>
  <xsl:function name="ria:is-cited-milestone" as="xs:boolean">
    <xsl:param name="milestone" as="element()"/>
    <xsl:sequence select="exists($milestone[lower-case(normalize-space(@unit)) = $cited-units][not(normalize-space(@rend))]
        [exists(ria:reference-n(.))])"/>
  </xsl:function>

  <!-- Every fifth line of verse by its number (ria:shows-line-number, epigraphy.xsl), at its start. -->
  <xsl:template match="tei:l[ria:shows-line-number(@n)]" priority="0.9">
    <xsl:variable name="line"><xsl:next-match/></xsl:variable>
    <xsl:variable name="n" select="normalize-space(@n)"/>
    <xsl:for-each select="$line/node()">
      <xsl:choose>
        <xsl:when test="position() = 1 and self::*">
          <xsl:copy>
            <xsl:copy-of select="@*"/>
            <span class="line-number" title="line {$n}"><xsl:value-of select="$n"/></span><xsl:text> </xsl:text>
            <xsl:copy-of select="node()"/>
          </xsl:copy>
        </xsl:when>
        <xsl:otherwise><xsl:copy-of select="."/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- ================================================================ verses -->
  <!-- Scripture and liturgy number their verses as blocks of a chapter (<ab n="1">, an ab of
       type "verse") or as segments of a paragraph (<seg type="verse" n="1">): each shows its
       number at its start, a link to itself (#ref-Gen.1.1), its full reference its title. -->
  <xsl:function name="ria:is-verse" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="exists($element[ria:reference-n(.)][not(ancestor::tei:note or ancestor::tei:listApp)]
        [self::tei:seg[lower-case(@type) = 'verse']
         or self::tei:ab[lower-case(@type) = 'verse' or (not(@type) and parent::*[ria:is-division(.)][ria:numbers-its-parts(.)])]])"/>
  </xsl:function>
  <!-- A division whose parts are cited by their numbers: a unit of citation by its type, a
       textpart, or any division of a text whose header declares how it is cited. -->
  <xsl:function name="ria:numbers-its-parts" as="xs:boolean">
    <xsl:param name="division" as="element()"/>
    <xsl:sequence select="$cites-divisions or $division/@type = 'textpart'
        or (($division/@type, $division/@subtype) ! lower-case(.)) = $cited-units"/>
  </xsl:function>
  <!-- A point's reference: its own number after those of the divisions around it. -->
  <xsl:function name="ria:point-reference" as="xs:string">
    <xsl:param name="point" as="element()"/>
    <xsl:sequence select="ria:joined-reference(($point/ancestor::*[ria:is-division(.)] ! ria:reference-n(.), ria:reference-n($point)))"/>
  </xsl:function>
  <!-- Its id: its own xml:id, else "ref-" and its reference, counted as ria:reference-id counts a division's. -->
  <xsl:key name="cited-points" match="tei:milestone[lower-case(normalize-space(@unit)) = 'verse'] | tei:ab[@n] | tei:seg[@n]"
      use="ria:point-reference(.)"/>
  <xsl:function name="ria:point-id" as="xs:string">
    <xsl:param name="point" as="element()"/>
    <xsl:variable name="reference" select="ria:point-reference($point)"/>
    <xsl:variable name="earlier" select="count(key('cited-points', $reference, root($point))
        [. &lt;&lt; $point][self::tei:milestone[ria:is-cited-milestone(.)] or ria:is-verse(.)])"/>
    <xsl:variable name="id" select="concat('ref-', $reference, if ($earlier gt 0) then concat('_', $earlier + 1) else '')"/>
    <xsl:sequence select="if ($point/@xml:id or exists(key('ids', $id, root($point)))) then ria:id($point) else $id"/>
  </xsl:function>
  <xsl:template match="*[ria:is-verse(.)]" priority="0.9">
    <xsl:variable name="verse"><xsl:next-match/></xsl:variable>
    <xsl:variable name="id" select="ria:point-id(.)"/>
    <xsl:variable name="n" select="ria:reference-n(.)"/>
    <xsl:variable name="label" select="string-join((ria:unit-name(.), ria:point-reference(.)), ' ')"/>
    <xsl:variable name="linked" select="not(ria:in-link(.))"/>
    <xsl:for-each select="$verse/node()">
      <xsl:choose>
        <xsl:when test="self::* and not(preceding-sibling::*)">
          <xsl:copy>
            <xsl:copy-of select="@*"/>
            <xsl:attribute name="id" select="$id"/>
            <xsl:choose>
              <xsl:when test="$linked">
                <a class="ref-number verse-ref" href="#{$id}" title="{$label}" aria-label="{$label}"><xsl:value-of select="$n"/></a>
              </xsl:when>
              <xsl:otherwise><span class="ref-number verse-ref" title="{$label}"><xsl:value-of select="$n"/></span></xsl:otherwise>
            </xsl:choose>
            <xsl:text> </xsl:text>
            <xsl:copy-of select="node()"/>
          </xsl:copy>
        </xsl:when>
        <xsl:otherwise><xsl:copy-of select="."/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
