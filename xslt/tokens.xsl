<?xml version="1.0" encoding="UTF-8"?>
<!--
  Text cut into tokens: words (w), punctuation (pc) and, in some corpora, the spaces between
  them (c). Such files put each token on a line of its own, so the whitespace between the
  elements is the file's layout, not the text's: where the spaces are encoded as c, it is
  dropped; a closing mark (comma, full stop, closing bracket or quotation mark) joins the word
  before it wherever the tokens stand. Others write the tokens one against the next, nothing
  between them (ELTeC's level 2: <w>Der</w><w>Garten</w>, <s> against <s>): they are words of
  print all the same, a space between them. Print puts none after an opening mark, before a
  closing one (which marks open and which close is the language's: German's „…“ and »…«),
  after a word elided by an apostrophe in the languages that elide (French
  "d'" "abord"), nor before a clitic joined by a hyphen ("dit" "-il"); a mark may be a w of
  its own (ELTeC: <w pos="PUNCT">,</w>).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ria="urn:revolution-in-arms"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- Marks that close what precedes them: no space before them in print; with those of the
       Latin script, the Hebrew sof pasuq (׃), the Arabic comma, semicolon and question mark (، ؛ ؟),
       the Urdu full stop (۔), the Ethiopic full stop, comma and semicolon (። ፣ ፤), the Greek
       question mark and upper stop (; ·, the stop also as the middle dot normalisation makes
       it). The Hebrew maqaf (־) binds the words either side of it, as a hyphen does: it closes
       and opens. -->
  <xsl:variable name="closing-marks" as="xs:string" select="'^[.,;:!?)\]}»”’…%׃־،؛؟۔።፣፤;··]+$'"/>
  <!-- Marks that open what follows them: no space after them. The low quotation marks open
       in every language that has them. -->
  <xsl:variable name="opening-marks" as="xs:string" select="'^[(\[{«“‘„‚¿¡־]+$'"/>
  <!-- German and the languages that quote as it does open with „ ‚ or », close with “ ‘ or «. -->
  <xsl:variable name="low-quote-languages" as="xs:string*" select="('de', 'deu', 'ger', 'gsw', 'bar', 'nds', 'cs', 'ces', 'cze', 'sk', 'slk', 'slo', 'da', 'dan')"/>
  <xsl:variable name="low-quote-closing-marks" as="xs:string" select="'^[.,;:!?)\]}“‘«”’…%]+$'"/>
  <xsl:variable name="low-quote-opening-marks" as="xs:string" select="'^[(\[{„‚»¿¡]+$'"/>

  <xsl:function name="ria:token-language" as="xs:string">
    <xsl:param name="token" as="element()"/>
    <xsl:sequence select="lower-case(substring-before(concat($token/ancestor-or-self::*[@xml:lang][1]/@xml:lang, '-'), '-'))"/>
  </xsl:function>
  <xsl:function name="ria:opens" as="xs:boolean">
    <xsl:param name="token" as="element()"/>
    <xsl:sequence select="matches(normalize-space($token), if (ria:token-language($token) = $low-quote-languages)
        then $low-quote-opening-marks else $opening-marks)"/>
  </xsl:function>

  <!-- A word has no space inside it: the whitespace between the parts of one w is the file's
       layout (the Fontenay charters indent each abbreviation of a word on lines of its own,
       <w>qu<choice>…</choice>c<choice>…</choice>⏎ <choice>…</choice>⏎</w>, one word "quemcumque"). -->
  <xsl:template match="text()[not(normalize-space())][parent::tei:w]" priority="1.2"/>

  <!-- Spaces encoded as c elements (Folger's <c> </c>): the whitespace around the tokens is layout.
       A c that is a letter (a capital the print set, <c style="majusc">d</c>ie) encodes no space:
       the whitespace around it stays the text's; so does a c with nothing in it, which is no space
       (the dots below). -->
  <xsl:template match="text()[not(normalize-space())][parent::*/tei:c[string(.)][not(normalize-space())]]" priority="1.1"/>

  <!-- A c with nothing in it that its rendition calls dots (the ACDH editions' <c rendition="#dots"
       n="4"/>, a row of dots the print sets) is that row: @n full stops, three where @n says no number. -->
  <xsl:template match="tei:c[not(node())][(tokenize(normalize-space(@rendition), ' ') ! replace(., '^#', ''),
      tokenize(normalize-space(@rend), ' '), @type) = ('dots', 'ellipsis')]">
    <xsl:variable name="count" select="if (@n castable as xs:integer and xs:integer(@n) = 1 to 12) then xs:integer(@n) else 3"/>
    <span class="c dots"><xsl:value-of select="string-join((1 to $count) ! '.', '')"/></span>
  </xsl:template>

  <!-- Whitespace between a word (or any element) and the closing mark after it, and at the end of
       a phrase the mark follows (EarlyPrint: <hi> <w>SAY</w> </hi> <pc>,</pc>). -->
  <xsl:template match="text()[not(normalize-space())]
      [following-sibling::node()[1][ria:closing-mark(.)]]
      [preceding-sibling::node()[1][self::*]]" priority="1"/>
  <xsl:template match="text()[not(normalize-space())][not(following-sibling::node())][preceding-sibling::node()]
      [../following-sibling::node()[not(self::text()[not(normalize-space())])][1][ria:closing-mark(.)]]" priority="0.9"/>

  <xsl:function name="ria:closing-mark" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <!-- All its words, spaces left out: a mark given on several levels (Menota's facs, dipl, norm) is one mark. -->
    <xsl:sequence select="exists($node/(self::tei:pc | self::tei:w)[matches(replace(string(.), '\s+', ''),
        if (ria:token-language(.) = $low-quote-languages) then $low-quote-closing-marks else $closing-marks)])"/>
  </xsl:function>

  <!-- Whitespace of the file's layout between two tokens that print sets together. (Above the rule
       for a closing mark, which drops the same whitespace: one rule, not an ambiguous match.) -->
  <xsl:template match="text()[not(normalize-space())]
      [preceding-sibling::node()[1][self::tei:w or self::tei:pc]][following-sibling::node()[1][self::tei:w or self::tei:pc]]
      [ria:set-together(preceding-sibling::node()[1], following-sibling::node()[1])]" priority="1.05"/>

  <!-- Tokens, or phrases and sentences of tokens, with nothing between them: a space, unless
       print sets them together. -->
  <xsl:template match="tei:*[preceding-sibling::node()[1][self::tei:*]][not(parent::*/tei:c)][ria:in-phrasing(.)]
      [ria:edge-token(., true()) and ria:edge-token(preceding-sibling::*[1], false())]
      [not(ria:set-together(ria:edge-token(preceding-sibling::*[1], false()), ria:edge-token(., true())))]" priority="10">
    <xsl:text> </xsl:text>
    <xsl:next-match/>
  </xsl:template>

  <!-- The first (or last) token an element begins (or ends) with: itself, or its first (last) child's. -->
  <xsl:function name="ria:edge-token" as="element()?">
    <xsl:param name="element" as="element()"/>
    <xsl:param name="first" as="xs:boolean"/>
    <xsl:variable name="children" select="$element/node()[not(self::text()[not(normalize-space())])]"/>
    <xsl:sequence select="if ($element[self::tei:w or self::tei:pc]) then $element
        else (if ($first) then $children[1] else $children[last()])[self::tei:*] ! ria:edge-token(., $first)"/>
  </xsl:function>

  <xsl:variable name="eliding-languages" as="xs:string*" select="('fr', 'fra', 'fre', 'frm', 'fro', 'it', 'ita', 'ca', 'cat', 'oc', 'oci')"/>

  <!-- Chinese and Japanese are written without spaces between words: two tokens of these scripts
       (Han characters, kana, their full-width marks) meet with none, however a tokenised text
       (a classical Chinese text cut into w) lays them out. Korean, which spaces its words, and a
       Latin word beside a Han one keep their space. -->
  <!-- (Written as code points, the CJK radicals, symbols and marks, kana, bopomofo, kanbun,
       the ideographs and their extensions, the full-width forms: block names would make the
       processor report each block it loads.) -->
  <xsl:variable name="unspaced-script" as="xs:string"
      select="'[&#x2E80;-&#x2FDF;&#x3000;-&#x30FF;&#x3100;-&#x312F;&#x3190;-&#x319F;&#x31F0;-&#x31FF;&#x3400;-&#x4DBF;&#x4E00;-&#x9FFF;&#xF900;-&#xFAFF;&#xFF00;-&#xFFEF;&#x20000;-&#x2FA1F;]'"/>
  <xsl:function name="ria:set-together" as="xs:boolean">
    <xsl:param name="before" as="element()"/>
    <xsl:param name="after" as="element()"/>
    <xsl:sequence select="ria:closing-mark($after)
        or (matches(normalize-space($before), concat($unspaced-script, '$')) and matches(normalize-space($after), concat('^', $unspaced-script)))
        or ria:opens($before)
        or (matches(normalize-space($before), '\w[''’]$') and ria:token-language($before) = $eliding-languages)
        or matches(normalize-space($after), '^-\w')"/>
  </xsl:function>
</xsl:stylesheet>
