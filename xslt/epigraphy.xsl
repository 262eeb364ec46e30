<?xml version="1.0" encoding="UTF-8"?>
<!--
  Inscriptions and papyri as EpiDoc encodes them, shown by the Leiden conventions a reader of
  such an edition expects: a line break inside a word (lb break="no") joins the word's two parts
  (no space between them, a hyphen shown at the line's end); letters the stone no longer has
  (supplied reason="lost") between square brackets and an abbreviation's expansion between
  round ones (edition.css); letters written in error (surplus) between braces; a lost passage
  says how much was lost; a symbol given by reference (g ref="#chi-rho") is the character its
  declaration names, or the symbol's name.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ria="urn:revolution-in-arms"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- An EpiDoc document: it has an edition division, or its header or schema says so. The
       Leiden signs that would mean something else in another text are given to it alone. -->
  <xsl:variable name="epidoc" as="xs:boolean" select="exists(/tei:TEI/tei:text//tei:div[@type = 'edition'])
      or (some $p in /tei:TEI/tei:teiHeader/tei:encodingDesc//text() satisfies contains(lower-case($p), 'epidoc'))
      or (some $model in /processing-instruction('xml-model') satisfies contains(lower-case($model), 'epidoc'))"/>

  <!-- ================================================================ a word across two lines -->
  <xsl:function name="ria:in-word-break" as="xs:boolean">
    <xsl:param name="node" as="node()?"/>
    <xsl:sequence select="exists($node/self::tei:lb[ria:breaks-a-word(.)])"/>
  </xsl:function>
  <!-- Said by @break="no" (@type="inWord"), by the Women Writers Project's rend="break(no)", or by
       the soft hyphen the text ends the line's last word with ("Mi&#xAD;<lb/>streſſes"). -->
  <xsl:function name="ria:breaks-a-word" as="xs:boolean">
    <xsl:param name="break" as="element()"/>
    <xsl:sequence select="$break/@break = 'no' or $break/@type = 'inWord' or matches($break/@rend, 'break\(\s*no\s*\)')
        or matches($break/preceding-sibling::node()[1][self::text()], '&#xAD;\s*$')"/>
  </xsl:function>

  <!-- The layout's whitespace on either side of such a break is not a space between words. -->
  <xsl:template match="text()[ria:in-word-break(following-sibling::node()[1]) or ria:in-word-break(preceding-sibling::node()[1])]" priority="2">
    <xsl:variable name="before" select="if (ria:in-word-break(following-sibling::node()[1])) then replace(., '\s+$', '') else string(.)"/>
    <xsl:value-of select="if (ria:in-word-break(preceding-sibling::node()[1])) then replace($before, '^\s+', '') else $before"/>
  </xsl:template>

  <!-- The hyphen is the page's, unless the transcription gives one ("ver-", "Ge¬"). -->
  <xsl:template match="tei:lb[ria:breaks-a-word(.)]" priority="0.3">
    <xsl:if test="not(matches(string-join(preceding-sibling::node()[position() le 2] ! string(.)), '[-¬⸗=‐]\s*$'))">
      <span class="word-break" aria-hidden="true"/>
    </xsl:if>
    <br/>
  </xsl:template>

  <!-- Every fifth line's number in the margin (EpiDoc's @n on lb, as the editions print them), and
       a number that is no plain count (11a, a line added) wherever it stands. -->
  <xsl:template match="tei:lb[$epidoc][ria:shows-line-number(@n)]" priority="5">
    <xsl:next-match/>
    <span class="line-number" title="line {normalize-space(@n)}"><xsl:value-of select="normalize-space(@n)"/></span>
    <!-- Apart from the line's first word, unless the line goes on with a word begun on the last. -->
    <xsl:if test="not(ria:in-word-break(.))"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>
  <xsl:function name="ria:shows-line-number" as="xs:boolean">
    <xsl:param name="n" as="attribute()?"/>
    <xsl:variable name="value" select="normalize-space($n)"/>
    <xsl:sequence select="if (not($value)) then false() else if ($value castable as xs:integer)
        then xs:integer($value) mod 5 = 0 and xs:integer($value) gt 0 else true()"/>
  </xsl:function>

  <!-- ================================================================ editorial signs -->
  <!-- Letters erased in antiquity and still read, in double square brackets (⟦ ⟧). -->
  <xsl:template match="tei:del[@rend = 'erasure'][$epidoc]" priority="1">
    <del class="del erasure" title="erased"><xsl:apply-templates/></del>
  </xsl:template>

  <!-- A reading mark the scribe wrote over a letter (papyri.info: hi rend="diaeresis" around ι):
       the letter with the mark as a combining character. -->
  <xsl:variable name="combining-marks" select="map{'diaeresis': '&#x308;', 'acute': '&#x301;', 'grave': '&#x300;',
      'circumflex': '&#x342;', 'asper': '&#x314;', 'lenis': '&#x313;'}"/>
  <xsl:template match="tei:hi[map:contains($combining-marks, normalize-space(@rend))]" priority="2"
      xmlns:map="http://www.w3.org/2005/xpath-functions/map">
    <span class="hi {normalize-space(@rend)}" title="{normalize-space(@rend)} in the source">
      <xsl:apply-templates/><xsl:value-of select="$combining-marks(normalize-space(@rend))"/>
    </span>
  </xsl:template>

  <xsl:template match="tei:surplus">
    <span class="surplus" title="written in error, to be left out"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- How much a gap has lost, as its attributes count it ("3 characters", "an unknown number of lines"). -->
  <xsl:function name="ria:gap-extent" as="xs:string?">
    <xsl:param name="gap" as="element()"/>
    <xsl:variable name="count" select="($gap/@quantity, $gap/@extent, if ($gap/@atLeast and $gap/@atMost)
        then concat($gap/@atLeast, '–', $gap/@atMost) else ())[normalize-space()][1]"/>
    <!-- EpiDoc names the unit ("character", "line"), TEI's examples and Transkribus count it ("chars",
         "words", "lines"): either is said in the singular or the plural the count needs. -->
    <xsl:variable name="named" select="normalize-space($gap/@unit)"/>
    <xsl:variable name="unit" select="if ($named = ('char', 'chars')) then 'character' else if ($named = 'leaves') then 'leaf'
        else if (matches($named, '[^s]s$')) then replace($named, 's$', '') else $named"/>
    <xsl:variable name="units" select="if ($unit = 'leaf') then 'leaves' else concat($unit, 's')"/>
    <!-- An extent that names its unit itself (EEBO-TCP's extent="2 letters") is said as written. -->
    <xsl:sequence select="if (not($unit) and matches($gap/@extent, '\d.*\p{L}')) then normalize-space($gap/@extent)
        else if (empty($count) or not($unit)) then ()
        else if ($count = 'unknown') then concat('an unknown number of ', $units)
        else concat($count, ' ', if ($count = '1') then $unit else $units)"/>
  </xsl:function>

  <!-- ================================================================ symbols -->
  <!-- A g that is empty stands for the symbol its @ref declares: a glyph or char (charDecl) with
       its standard mapping, or a category with the code point as an idno ("U+2627"). A character
       Unicode lacks (CBETA's) is shown as the declaration writes it in characters that are there:
       the common form it is normalised to, its romanisation (a Siddham letter), else how it is
       composed ("[口*隸]"); never a private-use code point, which no font shows. -->
  <xsl:template match="tei:g[not(node())][starts-with(normalize-space(@ref), '#')]">
    <xsl:variable name="declared" select="key('ids', substring-after(normalize-space(@ref), '#'))[1]"/>
    <xsl:variable name="property" select="function($names) { $declared/tei:charProp[lower-case(normalize-space(tei:localName)) = $names]/tei:value }"/>
    <xsl:variable name="code" select="($declared//tei:mapping[@type = ('standard', 'Unicode', 'unicode', 'normalized')],
        $declared//tei:idno[@type = ('unicode', 'Unicode')], $declared//tei:mapping[@type = 'normal_unicode'],
        $property('normalized form'), $property(('romanized form in unicode transcription', 'romanized form')),
        $property('composition'))[normalize-space()][1] ! normalize-space(.)"/>
    <xsl:variable name="name" select="(($declared/tei:glyphName, $declared/tei:charName, $declared/tei:catDesc/tei:term, $declared/tei:desc)[normalize-space()][1]
        ! normalize-space(.), substring-after(normalize-space(@ref), '#'))[1]"/>
    <span class="g" title="{$name}">
      <xsl:value-of select="if (matches($code, '^U\+[0-9A-Fa-f]{4,6}$'))
          then codepoints-to-string(ria:hex(substring($code, 3))) else if ($code) then $code else concat('((', $name, '))')"/>
    </span>
  </xsl:template>

  <!-- An empty g named by its type only (papyri.info: g type="apostrophe", "stauros"): the sign
       the type names, or the name between double parentheses, Leiden's sign for a described symbol. -->
  <xsl:variable name="symbol-types" select="map{
      'apostrophe': '’', 'diastole': '’', 'stauros': '†', 'cross': '†', 'dipunct': '∶', 'chirho': '☧',
      'chi-rho': '☧', 'leaf': '❦', 'hedera': '❦', 'filler': '―', 'dot': '·', 'middot': '·', 'interpunct': '·',
      'slanting-stroke': '/', 'check': '✓', 'x': '×', 'obelos': '÷', 'paragraphos': '―', 'coronis': '⸎'}"/>
  <xsl:template match="tei:g[not(node())][normalize-space(@type)][not(starts-with(normalize-space(@ref), '#'))]">
    <xsl:variable name="type" select="lower-case(normalize-space(@type))"/>
    <span class="g" title="{$type}">
      <xsl:value-of select="if (map:contains($symbol-types, $type)) then $symbol-types($type) else concat('((', $type, '))')"
          xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
    </span>
  </xsl:template>

  <xsl:function name="ria:hex" as="xs:integer">
    <xsl:param name="digits" as="xs:string"/>
    <xsl:sequence select="sum(for $i in 1 to string-length($digits) return
        (string-length(substring-before('0123456789abcdef', lower-case(substring($digits, $i, 1))))
         * xs:integer(math:pow(16, string-length($digits) - $i))))" xmlns:math="http://www.w3.org/2005/xpath-functions/math"/>
  </xsl:function>
</xsl:stylesheet>
