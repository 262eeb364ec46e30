<?xml version="1.0" encoding="UTF-8"?>
<!--
  A passage in a language of its own: a division, paragraph, verse, speech, list or table whose
  xml:lang differs from the text's (a Latin paragraph in a German diary, EpiDoc's edition
  division in Greek beside its English translation, a French scene of a Russian play). Its HTML
  says so (lang, and dir where the direction changes), so that a browser hyphenates it, a screen
  reader pronounces it and a font for its script is chosen, as a foreign phrase is (phrases.xsl).
  Phrases keep their own rules (a foreign phrase's, phrases.xsl); a note's language is its
  body's, not its marker's (notes.xsl).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ria="urn:revolution-in-arms"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- The elements that make passages (a phrase of them in a list item is still a phrase). -->
  <xsl:variable name="passages" as="xs:string*" select="(
      'front', 'body', 'back', 'group', 'div', 'div0', 'div1', 'div2', 'div3', 'div4', 'div5', 'div6', 'div7',
      'floatingText', 'argument', 'epigraph', 'opener', 'closer', 'postscript', 'trailer', 'byline', 'dateline',
      'salute', 'signed', 'p', 'ab', 'head', 'lg', 'l', 'sp', 'spGrp', 'speaker', 'stage', 'quote', 'cit',
      'list', 'item', 'label', 'table', 'row', 'cell', 'figure', 'titlePage', 'docTitle', 'titlePart',
      'castList', 'castGroup', 'castItem', 'u', 'annotationBlock', 'entry', 'sense', 'address')"/>

  <xsl:template match="tei:text//*[normalize-space(@xml:lang)][local-name() = $passages][not(ria:in-phrasing(.))]" priority="18">
    <xsl:variable name="rendered"><xsl:next-match/></xsl:variable>
    <xsl:variable name="lang" select="ria:lang(normalize-space(@xml:lang))"/>
    <xsl:variable name="around" select="(ancestor::*[normalize-space(@xml:lang)][1]/@xml:lang ! ria:lang(normalize-space(.)), '')[1]"/>
    <xsl:variable name="direction" select="(ria:written-direction($lang, .), 'ltr')[1]"/>
    <xsl:variable name="around-direction" select="(ancestor::*[normalize-space(@xml:lang)][1] ! ria:written-direction($around, .), 'ltr')[1]"/>
    <xsl:variable name="first" select="$rendered/node()[not(self::text()[not(normalize-space())])][1][self::*]"/>
    <xsl:for-each select="$rendered/node()">
      <xsl:choose>
        <xsl:when test=". is $first and not(@lang)">
          <xsl:copy>
            <xsl:copy-of select="@*"/>
            <xsl:attribute name="lang" select="$lang"/>
            <xsl:if test="not(@dir) and $direction ne $around-direction">
              <xsl:attribute name="dir" select="$direction"/>
            </xsl:if>
            <xsl:copy-of select="node()"/>
          </xsl:copy>
        </xsl:when>
        <xsl:otherwise><xsl:copy-of select="."/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- A text that states no language at all (the Digital Mishnah's transcriptions: Hebrew, no
       xml:lang, no langUsage) but whose words are mostly in a script written from right to left
       is set right to left: its language is not guessed, its direction is not left to chance. -->
  <xsl:template match="(tei:front | tei:body | tei:back)[empty(ancestor-or-self::*/@xml:lang)]
      [empty(/tei:TEI/tei:teiHeader/tei:profileDesc/tei:langUsage/tei:language)][ria:mostly-right-to-left(.)]" priority="18">
    <xsl:variable name="rendered"><xsl:next-match/></xsl:variable>
    <xsl:for-each select="$rendered/*">
      <xsl:copy><xsl:copy-of select="@*"/><xsl:attribute name="dir" select="'rtl'"/><xsl:copy-of select="node()"/></xsl:copy>
    </xsl:for-each>
  </xsl:template>
  <!-- The direction a passage in $lang is written in: a language whose tag alone says right to left
       (Ottoman Turkish, "ota") but whose words here are in Latin letters (QHOD's transliterated
       charters) is written left to right. The same test as ria/model/texts.py's as_written. -->
  <xsl:function name="ria:written-direction" as="xs:string?">
    <xsl:param name="lang" as="xs:string"/>
    <xsl:param name="passage" as="element()"/>
    <xsl:variable name="names-script" select="some $subtag in tokenize($lang, '-')[position() gt 1] satisfies matches($subtag, '^[A-Za-z]{4}$')"/>
    <xsl:sequence select="if (ria:direction($lang) = 'rtl' and not($names-script) and ria:mostly-latin($passage)) then ()
        else ria:direction($lang)"/>
  </xsl:function>
  <xsl:function name="ria:mostly-latin" as="xs:boolean">
    <xsl:param name="part" as="element()"/>
    <xsl:variable name="letters" select="replace(string-join($part//text()[not(ancestor::tei:note)], ''), '[^\p{L}]', '')"/>
    <xsl:variable name="latin" select="replace($letters, '[^A-Za-z&#x00C0;-&#x02FF;&#x1E00;-&#x1EFF;]', '')"/>
    <xsl:sequence select="string-length($latin) * 2 gt string-length($letters)"/>
  </xsl:function>
  <xsl:function name="ria:mostly-right-to-left" as="xs:boolean">
    <xsl:param name="part" as="element()"/>
    <xsl:variable name="letters" select="replace(string-join($part//text()[not(ancestor::tei:note)], ''), '[^\p{L}]', '')"/>
    <!-- (Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic and their presentation forms, by
         code point: a block name makes the XSLT engine print a line for every block it loads) -->
    <xsl:variable name="right-to-left" select="replace($letters, '[^&#x0590;-&#x08FF;&#xFB1D;-&#xFDFF;&#xFE70;-&#xFEFF;]', '')"/>
    <xsl:sequence select="string-length($right-to-left) * 2 gt string-length($letters)"/>
  </xsl:function>
</xsl:stylesheet>
