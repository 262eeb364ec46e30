<?xml version="1.0" encoding="UTF-8"?>
<!--
  Notes: a marker at the anchor that links to the note, and the notes section whose
  entries link back. Notes of the author, the translator, an earlier editor and
  this edition are typed, so the page can tell them apart.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ria="urn:revolution-in-arms"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:variable name="note-type-labels" select="map{
      'authorial': 'Author’s note',
      'translator': 'Translator’s note',
      'source-editor': 'Editor’s note (source edition)',
      'commentary': 'Commentary',
      'textual': 'Textual note'}"/>

  <!-- What kind of note it is, for the reader: the edition's labels, else the type in words (GROBID's
       "raw_reference": "Raw reference note"); a note of no type is a note, and so is one whose type
       is a single letter, a code of the project's own that says nothing to a reader (Théâtre
       classique's type="L" and "C": not "L note"). -->
  <xsl:function name="ria:note-type-label" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:variable name="type" select="string($note/@type)"/>
    <xsl:sequence select="if (ria:is-recipients-note($note)) then 'Recipient’s note'
        else if (map:contains($note-type-labels, $type)) then $note-type-labels($type)
        else if (string-length(normalize-space($type)) gt 1) then concat(ria:type-words($type), ' note')
        else if (ria:is-marginal-note($note)) then 'Marginal note'
        else 'Note'"/>
  </xsl:function>
  <!-- A note the letter's recipient wrote on it (a docket: when it came, when it was answered), its
       @resp "recipient" or "addressee" (the La Roche–Gerning letters) or the one the correspDesc
       says received the letter: not the writer's nor an editor's, which the reader is told. -->
  <xsl:function name="ria:is-recipients-note" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:variable name="by" select="tokenize(lower-case(normalize-space($note/@resp)), ' ') ! replace(., '^#', '')"/>
    <xsl:variable name="received" select="root($note)//tei:correspDesc/tei:correspAction[@type = 'received']//*/(@ref, @key, @corresp)
        ! tokenize(lower-case(normalize-space(.)), ' ') ! replace(., '^#', '')"/>
    <xsl:sequence select="exists($by) and (some $who in $by satisfies ($who = ('recipient', 'addressee', 'receiver') or $who = $received))"/>
  </xsl:function>
  <!-- A note the source writes in its margin (a charter's endorsement, the DTA's place="right"):
       the writer's or a later hand's, not an editor's footnote, which the reader is told. -->
  <xsl:function name="ria:is-marginal-note" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="some $place in tokenize(lower-case(normalize-space($note/@place)), ' ')
        satisfies matches($place, '^(margin|marg|left|right|outside|inside)')"/>
  </xsl:function>

  <!-- A note the source prints but the copy-text does not contain (its words are a gap, as
       Ziemke's endnotes, which the preview lacks): its marker says so, it is not a note. -->
  <xsl:function name="ria:is-absent-note" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="not(normalize-space($note)) and exists($note/tei:gap[@reason = 'not-in-copy-text'])
        and empty($note/*[not(self::tei:gap)])"/>
  </xsl:function>

  <xsl:function name="ria:is-edition-note" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="$note/@type = ('commentary', 'textual')"/>
  </xsl:function>

  <!-- The label a reader sees: the printed number, or a letter for the edition's own notes. A
       note's place in its series is what an accumulator has counted when the note starts, found
       in one pass over the document (counting the notes before each note anew would take time
       growing with the square of their number: a sitting of a parliament has thousands). -->
  <xsl:function name="ria:note-label" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:choose>
      <xsl:when test="ria:is-edition-note($note)">
        <xsl:sequence select="ria:letters(ria:place-in-series($note, 'edition-notes', ria:is-edition-note#1))"/>
      </xsl:when>
      <xsl:when test="$note/@n"><xsl:sequence select="string($note/@n)"/></xsl:when>
      <!-- (a note whose marker is a reference of the text: the number the reference prints) -->
      <xsl:when test="ria:note-reference($note)[normalize-space()]"><xsl:sequence select="normalize-space(ria:note-reference($note))"/></xsl:when>
      <xsl:otherwise><xsl:sequence select="string(ria:place-in-series($note, 'numbered-notes', ria:is-numbered-note#1))"/></xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- The notes the printed numbers count: the source's, not the edition's, nor a transcript's
       speaker labels and time stamps, nor the notes the apparatus shows (variants.xsl), nor one
       read where it stands (place="inline"), which has no marker: the next is not numbered past it. -->
  <xsl:function name="ria:is-numbered-note" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="not(ria:is-edition-note($note)) and not(ria:is-transcript-line($note)) and not($note/@place = 'inline')
        and not(ria:is-apparatus-note($note))"/>
  </xsl:function>
  <xsl:accumulator name="numbered-notes" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:text//tei:note[ria:is-numbered-note(.)]" select="$value + 1"/>
  </xsl:accumulator>
  <xsl:accumulator name="edition-notes" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="tei:text//tei:note[ria:is-edition-note(.)][not(ria:is-apparatus-note(.))]" select="$value + 1"/>
  </xsl:accumulator>
  <!-- A note's place in its series, in the order the notes are written: the notes the accumulator
       has counted at its start, the note among them (a note in a note follows it). -->
  <xsl:function name="ria:place-in-series" as="xs:integer">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:param name="series" as="xs:string"/>
    <xsl:param name="in-series" as="function(element(tei:note)) as xs:boolean"/>
    <xsl:sequence select="$note/accumulator-before($series) + (if ($in-series($note)) then 0 else 1)"/>
  </xsl:function>

  <xsl:function name="ria:letters" as="xs:string">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:number value="$n" format="a"/>
  </xsl:function>

  <xsl:template match="tei:text//tei:note[not(@place = 'inline')]">
    <xsl:variable name="id" select="ria:id(.)"/>
    <xsl:variable name="absent" select="ria:is-absent-note(.)"/>
    <a class="noteref note-{(@type, 'untyped')[1]}{if ($absent) then ' note-absent' else ''}" id="noteref-{$id}"
       href="#{$id}" role="doc-noteref"
       aria-label="{concat('Note ', ria:note-label(.), ': ', if ($absent) then 'not in the copy-text' else ria:note-type-label(.))}">
      <xsl:if test="@anchored = 'false'">
        <xsl:attribute name="title">The source prints no anchor for this note; the edition places it here.</xsl:attribute>
      </xsl:if>
      <xsl:if test="$absent">
        <xsl:attribute name="title">The source prints a note here; the copy-text does not contain it.</xsl:attribute>
      </xsl:if>
      <xsl:value-of select="ria:note-label(.)"/>
    </a>
  </xsl:template>

  <!-- Inside a linked name or a reference, which are links, a link cannot stand: the marker
       is its label, and the note is found by it in the list of notes. -->
  <xsl:template match="tei:text//tei:note[not(@place = 'inline')][ria:in-link(.)]" priority="1">
    <sup class="noteref note-{(@type, 'untyped')[1]}" id="noteref-{ria:id(.)}"
         title="{concat('Note ', ria:note-label(.), ': ', ria:note-type-label(.), ', in the notes')}">
      <xsl:value-of select="ria:note-label(.)"/>
    </sup>
  </xsl:template>

  <!-- A note written apart from its place (a division of notes after a letter, the back, the
       WWP's hyperDiv) tied to an anchor of the text: by its @target or @corresp pointing at the
       anchor, or by the anchor's @corresp pointing at the note (the WWP's way). Its marker stands at
       that anchor, not in a row of markers where the notes are written. An anchor in a link, a list
       or a table keeps none (a marker there would break the page), so its note stays where it is. -->
  <xsl:key name="notes-by-target" match="tei:text//tei:note[@target or @corresp][not(@place = 'inline')]"
      use="tokenize(normalize-space(string-join((@target, @corresp), ' ')), ' ')[starts-with(., '#')] ! substring(., 2)"/>
  <xsl:key name="anchors-by-note" match="tei:text//tei:anchor[@corresp]"
      use="tokenize(normalize-space(@corresp), ' ')[starts-with(., '#')] ! substring(., 2)"/>
  <xsl:function name="ria:note-anchor" as="element(tei:anchor)?">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="((tokenize(normalize-space(string-join(($note/@target, $note/@corresp), ' ')), ' ')[starts-with(., '#')]
        ! key('ids', substring(., 2), root($note)))[self::tei:anchor],
        $note/@xml:id ! key('anchors-by-note', string(.), root($note)))[1]
        [ancestor::tei:text][not(ancestor::tei:note)]
        [not(parent::tei:list or parent::tei:table or parent::tei:row)][not(ria:in-link(.))]"/>
  </xsl:function>
  <xsl:template match="tei:text//tei:note[not(@place = 'inline')][exists(ria:note-anchor(.))]" priority="2">
    <xsl:param name="at-its-anchor" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:if test="$at-its-anchor"><xsl:next-match/></xsl:if>
  </xsl:template>
  <xsl:template match="tei:anchor[@xml:id][key('notes-by-target', @xml:id)] | tei:anchor[@corresp]" priority="5">
    <xsl:next-match/>
    <!-- (a union: a note tied both ways, by its anchor's @corresp and its own @target, is marked once) -->
    <xsl:apply-templates select="(key('notes-by-target', string(@xml:id))
        | tokenize(normalize-space(@corresp), ' ')[starts-with(., '#')] ! key('ids', substring(., 2), root(current())))
        [self::tei:note][ria:note-anchor(.) is current()]">
      <xsl:with-param name="at-its-anchor" select="true()" tunnel="yes"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- A note written apart (the back's notes, a division of notes) whose place in the text is a
       reference: the reference its @target names, or one that points at it (Project Gutenberg's
       <ref target="#note1" xml:id="ref1">1</ref> in the text, <note xml:id="note1" target="#ref1"> in
       the back). The reference, its printed number, is its marker: it links to the note, which links
       back to it, and nothing stands where the note is written. A reference that links elsewhere, or
       stands in a link or a note, is none; a reference stands for one note, the first. -->
  <xsl:key name="refs-by-target" match="tei:text//tei:ref[@target]"
      use="tokenize(normalize-space(@target), ' ')[starts-with(., '#')] ! substring(., 2)"/>
  <xsl:function name="ria:is-note-apart" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="exists($note/parent::*[ria:is-division(.) or self::tei:back or self::tei:front or self::tei:body
        or self::tei:listNote or self::tei:noteGrp]) and not($note/@place = 'inline')"/>
  </xsl:function>
  <xsl:function name="ria:note-reference-candidate" as="element(tei:ref)?">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="if (not(ria:is-note-apart($note)) or exists(ria:note-anchor($note))) then ()
        else ((tokenize(normalize-space($note/@target), ' ')[starts-with(., '#')] ! key('ids', substring(., 2), root($note)))[1][self::tei:ref],
              $note/@xml:id ! key('refs-by-target', string(.), root($note)))
        [ancestor::tei:text][not(ancestor::tei:note)][not(ria:in-link(.))]
        [not(@target) or tokenize(normalize-space(@target), ' ') = concat('#', $note/@xml:id)][1]"/>
  </xsl:function>
  <xsl:function name="ria:reference-note" as="element(tei:note)?">
    <xsl:param name="ref" as="element(tei:ref)"/>
    <xsl:sequence select="(tokenize(normalize-space($ref/@target), ' ')[starts-with(., '#')] ! key('ids', substring(., 2), root($ref))[self::tei:note]
        | $ref/@xml:id ! key('notes-by-target', string(.), root($ref)))[ria:note-reference-candidate(.) is $ref][1]"/>
  </xsl:function>
  <xsl:function name="ria:note-reference" as="element(tei:ref)?">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="ria:note-reference-candidate($note)[ria:reference-note(.) is $note]"/>
  </xsl:function>
  <xsl:template match="tei:text//tei:note[@xml:id or @target][exists(ria:note-reference(.))]" priority="3"/>
  <xsl:template match="tei:text//tei:ref[exists(ria:reference-note(.))]" priority="3">
    <xsl:variable name="note" select="ria:reference-note(.)"/>
    <xsl:variable name="id" select="ria:id($note)"/>
    <!-- (what points at the reference, as a note's own way back, finds it) -->
    <xsl:if test="@xml:id"><span id="{@xml:id}" class="anchor"></span></xsl:if>
    <a class="noteref note-{($note/@type, 'untyped')[1]}" id="noteref-{$id}" href="#{$id}" role="doc-noteref"
       aria-label="{concat('Note ', ria:note-label($note), ': ', ria:note-type-label($note))}"><xsl:apply-templates/></a>
  </xsl:template>

  <!-- An earlier editor's bracketed interpolation stays in the running text. -->
  <xsl:template match="tei:text//tei:note[@place = 'inline']">
    <span class="note-inline note-{(@type, 'untyped')[1]}" id="{ria:id(.)}" title="{ria:note-type-label(.)}">
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template name="notes-section">
    <!-- Not the notes of register entries a text copies into its back matter (a corpus's letters
         may carry them): those entries are the registers' pages. -->
    <!-- Nor a transcript's speaker labels, which lead their utterances (spoken.xsl), nor the notes of
         a list of readings or of a witness's reading the text does not read, which the apparatus's
         entries show (variants.xsl), nor the notes a record of a work
         groups, which it shows in place (records.xsl). -->
    <xsl:variable name="notes" select="/tei:TEI/tei:text//tei:note[not(@place = 'inline')][not(ria:is-transcript-line(.))]
        [not(ria:note-in-record(.))]
        [not(ancestor::*[ria:is-register-copy(.)])][not(ancestor::tei:listApp)][not(ria:is-apparatus-note(.))]"/>
    <xsl:if test="$notes">
      <ol class="notes">
        <xsl:for-each select="$notes">
          <xsl:variable name="id" select="ria:id(.)"/>
          <li id="{$id}" class="note note-{(@type, 'untyped')[1]}{if (ria:is-absent-note(.)) then ' note-absent' else ''}{if (ria:is-recipients-note(.)) then ' note-recipient' else ''}">
            <a class="note-backlink" href="#noteref-{$id}" role="doc-backlink" aria-label="Back to the text, note {ria:note-label(.)}"><xsl:value-of select="ria:note-label(.)"/></a>
            <xsl:text> </xsl:text>
            <span class="note-type"><xsl:value-of select="ria:note-type-label(.)"/></span>
            <xsl:text> </xsl:text>
            <span class="note-body">
              <!-- a note in a language of its own (languages.xsl): its body, not its marker -->
              <xsl:for-each select="@xml:lang[normalize-space()] ! ria:lang(normalize-space(.))">
                <xsl:attribute name="lang" select="."/>
                <xsl:for-each select="ria:direction(.)"><xsl:attribute name="dir" select="."/></xsl:for-each>
              </xsl:for-each>
              <xsl:choose>
                <xsl:when test="ria:is-absent-note(.)">Not in the copy-text: the source prints this note, but the copy-text this edition transcribes does not contain it.</xsl:when>
                <xsl:otherwise><xsl:apply-templates mode="note-body"/></xsl:otherwise>
              </xsl:choose>
            </span>
            <xsl:apply-templates select="." mode="note-resp"/>
          </li>
        </xsl:for-each>
      </ol>
    </xsl:if>
  </xsl:template>

  <!-- Who wrote a note, where its @resp points to a statement of responsibility of the document's own
       header (FromThePage's users' notes: resp="#U7" and <respStmt xml:id="U7"><persName>…). -->
  <xsl:mode name="note-resp" on-no-match="deep-skip"/>
  <xsl:template match="tei:note[@resp]" mode="note-resp">
    <xsl:variable name="names" select="distinct-values(tokenize(normalize-space(@resp), ' ')[starts-with(., '#')]
        ! key('ids', substring(., 2), root(current()))[self::tei:respStmt]
        ! normalize-space((tei:persName, tei:name, tei:orgName)[1])[.])"/>
    <xsl:if test="exists($names)">
      <xsl:text> </xsl:text>
      <span class="note-resp">— <xsl:value-of select="string-join($names, ', ')"/></span>
    </xsl:if>
  </xsl:template>

  <!-- Inside a note's body, everything renders as in the text, except nested notes' markers. -->
  <xsl:template match="node()" mode="note-body">
    <xsl:apply-templates select="."/>
  </xsl:template>
</xsl:stylesheet>
