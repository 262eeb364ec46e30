<?xml version="1.0" encoding="UTF-8"?>
<!--
  Stand-off annotation (TEI P5's standOff): the annotations of listAnnotation (an annotation, or a
  note with a @target, as TEASys and the Serafin letters write them) and the spans of a spanGrp,
  with what their @ana points to in an interpGrp. Each is listed in the page's section of
  annotations (theme/templates/text.html, after the notes), with the words it is about and a
  link to them; the text carries a mark where each ends.
  (The registers a standOff may hold, listPerson and the like, are read by ria/corpus.)
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ria="urn:revolution-in-arms"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- A page shows a text's annotations up to this many: a layer of spans on every word (a
       part-of-speech layer) would bury the text in marks, and is said to be there instead. -->
  <xsl:variable name="max-annotations" as="xs:integer" select="500"/>
  <xsl:variable name="annotation-count" as="xs:integer"
      select="count(/tei:TEI/tei:standOff//(tei:annotation | tei:listAnnotation/tei:note | tei:span))"/>

  <!-- The annotations, each by the element of the text where it ends. -->
  <xsl:key name="annotation-ends" match="tei:standOff//(tei:annotation | tei:listAnnotation/tei:note | tei:span)"
           use="ria:annotation-end(.)"/>

  <xsl:function name="ria:annotation-end" as="xs:string?">
    <xsl:param name="annotation" as="element()"/>
    <xsl:sequence select="(tokenize(normalize-space(($annotation/@to, $annotation/@target, $annotation/@from)[1]), ' ')[last()]
        ! replace(., '^#', ''))[.]"/>
  </xsl:function>

  <xsl:function name="ria:annotation-id" as="xs:string">
    <xsl:param name="annotation" as="element()"/>
    <xsl:sequence select="concat('annotation-', ria:id($annotation))"/>
  </xsl:function>

  <!-- The mark where an annotation ends, after the element it ends at (not where the page allows
       no link: between a list's or a table's parts; the list still links to the words). Outside the
       rule that gives a citable element its id (anchors.xsl), whose result it follows. -->
  <xsl:template match="tei:text//*[@xml:id][$annotation-count le $max-annotations][exists(key('annotation-ends', @xml:id))]"
      priority="21">
    <xsl:next-match/>
    <xsl:if test="ria:takes-end-mark(.)">
      <xsl:for-each select="key('annotation-ends', @xml:id)">
        <a class="annotation-ref" id="{ria:annotation-id(.)}-ref" href="#{ria:annotation-id(.)}"
           aria-label="Annotation {ria:annotation-number(.)}"><xsl:value-of select="ria:annotation-number(.)"/></a>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>
  <xsl:function name="ria:takes-end-mark" as="xs:boolean">
    <xsl:param name="end" as="element()"/>
    <xsl:sequence select="not($end/parent::tei:list or $end/parent::tei:listBibl or $end/parent::tei:table or $end/parent::tei:row)"/>
  </xsl:function>
  <!-- The elements of the text an annotation's end mark follows (none where it ends nowhere in the
       text or where the page allows no link). -->
  <xsl:function name="ria:end-marked" as="element()*">
    <xsl:param name="annotation" as="element()"/>
    <xsl:sequence select="(ria:annotation-end($annotation) ! key('ids', ., root($annotation))[ancestor::tei:text])[ria:takes-end-mark(.)]"/>
  </xsl:function>

  <!-- A pointer in the text to a stand-off annotation (the Huygens Institute's letter editions point
       to their notes, kept in a listAnnotation: <ptr type="note" target="#note.orig.nl.1"/>) is that
       annotation's mark, linked to it; the annotation links back to its end mark where it has one
       (an annotation may both have a @target and be pointed to: one id for the back link), else to
       the first pointer. -->
  <xsl:key name="annotation-pointers" match="(tei:ptr | tei:ref[not(normalize-space())])[ancestor::tei:text][starts-with(normalize-space(@target), '#')]"
           use="substring(tokenize(normalize-space(@target), ' ')[1], 2)"/>
  <xsl:function name="ria:pointed-annotation" as="element()?">
    <xsl:param name="pointer" as="element()"/>
    <xsl:sequence select="key('ids', substring(tokenize(normalize-space($pointer/@target), ' ')[1], 2), root($pointer))
        [ria:is-annotation(.)][$annotation-count le $max-annotations][1]"/>
  </xsl:function>
  <xsl:template match="(tei:ptr | tei:ref[not(normalize-space())])[ancestor::tei:text][starts-with(normalize-space(@target), '#')][ria:pointed-annotation(.)]"
      priority="0.8">
    <xsl:variable name="annotation" select="ria:pointed-annotation(.)"/>
    <a class="annotation-ref" href="#{ria:annotation-id($annotation)}" aria-label="Annotation {ria:annotation-number($annotation)}">
      <xsl:if test="empty(ria:end-marked($annotation)) and . is key('annotation-pointers', $annotation/@xml:id)[1]">
        <xsl:attribute name="id" select="concat(ria:annotation-id($annotation), '-ref')"/>
      </xsl:if>
      <xsl:value-of select="ria:annotation-number($annotation)"/>
    </a>
  </xsl:template>

  <xsl:function name="ria:annotation-number" as="xs:string">
    <xsl:param name="annotation" as="element()"/>
    <xsl:variable name="number"><xsl:number select="$annotation" level="any"
        count="tei:standOff//tei:annotation | tei:standOff//tei:listAnnotation/tei:note | tei:standOff//tei:span"/></xsl:variable>
    <xsl:sequence select="concat('a', $number)"/>
  </xsl:function>
  <xsl:function name="ria:is-annotation" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="exists($element[self::tei:annotation or self::tei:note[parent::tei:listAnnotation] or self::tei:span]
        [ancestor::tei:standOff])"/>
  </xsl:function>

  <xsl:template name="annotations-section">
    <xsl:variable name="annotations" select="/tei:TEI/tei:standOff//*[ria:is-annotation(.)]"/>
    <xsl:if test="$annotation-count gt $max-annotations">
      <p class="annotations-not-shown">The TEI of this text holds <xsl:value-of select="$annotation-count"/> stand-off
        annotations; a page shows at most <xsl:value-of select="$max-annotations"/>, so they are in its TEI only.</p>
    </xsl:if>
    <xsl:if test="$annotations and $annotation-count le $max-annotations">
      <ol class="annotations">
        <xsl:for-each select="$annotations">
          <xsl:variable name="id" select="ria:annotation-id(.)"/>
          <xsl:variable name="end" select="ria:annotation-end(.) ! key('ids', ., root(current()))[ancestor::tei:text]"/>
          <li id="{$id}" class="annotation">
            <!-- (in the language its list says it is written in: a letter's Dutch and English notes) -->
            <xsl:for-each select="ancestor-or-self::*[normalize-space(@xml:lang)][1][ancestor::tei:standOff]/@xml:lang">
              <xsl:attribute name="lang" select="ria:lang(normalize-space(.))"/>
            </xsl:for-each>
            <xsl:variable name="about" select="ria:annotated-words(.)"/>
            <xsl:choose>
              <xsl:when test="exists(ria:end-marked(.)) or exists(key('annotation-pointers', @xml:id))">
                <a class="annotation-backlink" href="#{$id}-ref" role="doc-backlink">
                  <xsl:value-of select="ria:annotation-number(.)"/>
                </a>
              </xsl:when>
              <xsl:otherwise><span class="annotation-number"><xsl:value-of select="ria:annotation-number(.)"/></span></xsl:otherwise>
            </xsl:choose>
            <!-- (a point of the text, an anchor, has no words: the mark stands there; a pointer
                 to nothing in the text is shown as written) -->
            <xsl:variable name="target" select="if ($about or $end) then $about else normalize-space(string-join((@target, @from, @to), ' '))"/>
            <xsl:if test="$target">
              <xsl:text> </xsl:text>
              <span class="annotation-target"><xsl:value-of select="$target"/></span>
            </xsl:if>
            <xsl:for-each select="(parent::tei:spanGrp/@type, @type, @motivation)[normalize-space()]">
              <xsl:text> </xsl:text><span class="annotation-kind"><xsl:value-of select="normalize-space(.)"/></span>
            </xsl:for-each>
            <xsl:for-each select="ria:interpretations(.)">
              <xsl:text> </xsl:text><span class="annotation-interp"><xsl:value-of select="."/></span>
            </xsl:for-each>
            <xsl:if test="node()[not(self::tei:respStmt or self::tei:date or self::tei:revisionDesc or self::tei:licence)][normalize-space()]">
              <div class="annotation-body">
                <xsl:apply-templates select="node()[not(self::tei:respStmt or self::tei:date or self::tei:revisionDesc or self::tei:licence)]" mode="annotation-body"/>
              </div>
            </xsl:if>
            <xsl:for-each select="tei:respStmt[normalize-space()]">
              <p class="annotation-resp"><xsl:value-of select="normalize-space(string-join((tei:resp, string-join(tei:name | tei:persName | tei:orgName, ', ')), ': '))"/></p>
            </xsl:for-each>
            <xsl:for-each select="tei:date[normalize-space() or @when]">
              <p class="annotation-date"><xsl:value-of select="(normalize-space(.)[.], @when)[1]"/></p>
            </xsl:for-each>
          </li>
        </xsl:for-each>
      </ol>
    </xsl:if>
  </xsl:template>

  <!-- The words an annotation is about: those its @target names, or those from its @from to its @to. -->
  <xsl:function name="ria:annotated-words" as="xs:string">
    <xsl:param name="annotation" as="element()"/>
    <xsl:variable name="root" select="root($annotation)"/>
    <xsl:variable name="ids" select="tokenize(normalize-space(($annotation/@target, $annotation/@from)[1]), ' ') ! replace(., '^#', '')"/>
    <xsl:variable name="from" select="($ids ! key('ids', ., $root))[ancestor::tei:text][1]"/>
    <xsl:variable name="to" select="(tokenize(normalize-space($annotation/@to), ' ') ! replace(., '^#', '') ! key('ids', ., $root))[ancestor::tei:text][1]"/>
    <xsl:variable name="words" select="normalize-space(if ($from and $to) then ria:words-from-to($from, $to)
        else string-join(($ids ! key('ids', ., $root))[ancestor::tei:text] ! string(.), ' '))"/>
    <xsl:sequence select="if (string-length($words) gt 80) then concat(substring($words, 1, 79), '…') else $words"/>
  </xsl:function>

  <!-- The words from the start of $from to the end of $to, read on from $from only as far as $to or
       as the excerpt needs (not over the whole text for each annotation). -->
  <xsl:function name="ria:words-from-to" as="xs:string">
    <xsl:param name="from" as="element()"/>
    <xsl:param name="to" as="element()"/>
    <xsl:iterate select="($from/descendant::text(), $from/following::text())">
      <xsl:param name="words" as="xs:string" select="''"/>
      <xsl:on-completion select="$words"/>
      <xsl:choose>
        <xsl:when test="(. >> $to and not(ancestor::* intersect $to)) or string-length($words) gt 80">
          <xsl:break select="$words"/>
        </xsl:when>
        <xsl:otherwise><xsl:next-iteration><xsl:with-param name="words" select="concat($words, ' ', .)"/></xsl:next-iteration></xsl:otherwise>
      </xsl:choose>
    </xsl:iterate>
  </xsl:function>

  <!-- What an annotation's @ana points to in an interpGrp (ParlaMint's and TEITOK's categories), or its words. -->
  <xsl:function name="ria:interpretations" as="xs:string*">
    <xsl:param name="annotation" as="element()"/>
    <xsl:for-each select="tokenize(normalize-space($annotation/@ana), ' ')">
      <xsl:variable name="interp" select="key('ids', replace(., '^#', ''), root($annotation))"/>
      <xsl:sequence select="if (normalize-space(string($interp[1]))) then normalize-space(string($interp[1])) else replace(., '^#', '')"/>
    </xsl:for-each>
  </xsl:function>

  <!-- An annotation's body: its paragraphs and notes are paragraphs; the rest reads as in the text. -->
  <xsl:template match="tei:p | tei:note | tei:ab | tei:div" mode="annotation-body">
    <xsl:choose>
      <xsl:when test="*[self::tei:p or self::tei:div or self::tei:note or self::tei:ab or self::tei:listBibl]">
        <xsl:apply-templates mode="annotation-body"/>
      </xsl:when>
      <xsl:otherwise><p><xsl:apply-templates mode="annotation-body"/></p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <xsl:template match="tei:listBibl" mode="annotation-body">
    <ul class="annotation-bibl"><xsl:for-each select="tei:bibl | tei:biblStruct"><li><xsl:apply-templates select="node()" mode="annotation-body"/></li></xsl:for-each></ul>
  </xsl:template>
  <xsl:template match="*" mode="annotation-body">
    <xsl:apply-templates select="."/>
  </xsl:template>
</xsl:stylesheet>
