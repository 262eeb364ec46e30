<?xml version="1.0" encoding="UTF-8"?>
<!--
  Transcribed speech (as Parla-CLARIN's parliamentary records and spoken corpora encode it):
  each utterance is a block led by who speaks; what happens around the words (applause, an
  interjection, a noise) is set apart as a stage direction is. The speaker is named by the
  transcript's own label (a note of type "speaker" before the utterance) where it has one,
  else by the character or person the utterance's @who points to (drama.xsl). What the
  transcript writes between its label and the words (ParlaMint: "(zur Geschäftsbehandlung)", a
  time) belongs to the label's line; a note of the time (note type="time") is a time stamp of
  the transcript, shown where it stands, not a footnote.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ria="urn:revolution-in-arms"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:variable name="spoken-labels" select="map{'pause': 'pause'}"/>

  <!-- The transcript's label of who speaks next: notes of other kinds may stand between it and the utterance. -->
  <xsl:function name="ria:is-speaker-label" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="exists($note[self::tei:note][@type = 'speaker'][ria:next-past-notes(.)[self::tei:u]])"/>
  </xsl:function>
  <xsl:function name="ria:next-past-notes" as="element()?">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="$element/following-sibling::*[not(ria:is-aside-note(.))][1]"/>
  </xsl:function>
  <xsl:function name="ria:is-aside-note" as="xs:boolean">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="exists($element[self::tei:note][not(@type = 'speaker')])"/>
  </xsl:function>
  <!-- A note the transcript writes in its course, no footnote: a speaker's label, what stands
       between a label and the words, a time stamp. -->
  <xsl:function name="ria:is-transcript-line" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="ria:is-speaker-label($note) or ria:is-time-stamp($note) or ria:is-label-aside($note)"/>
  </xsl:function>
  <xsl:function name="ria:is-time-stamp" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="exists($note[@type = 'time'][parent::tei:u or parent::tei:div or parent::tei:body])"/>
  </xsl:function>
  <!-- A note standing between a speaker's label and the words: shown in the label's line. -->
  <xsl:function name="ria:is-label-aside" as="xs:boolean">
    <xsl:param name="note" as="element()"/>
    <xsl:sequence select="ria:is-aside-note($note) and exists($note/preceding-sibling::*[not(ria:is-aside-note(.))][1][ria:is-speaker-label(.)])"/>
  </xsl:function>

  <xsl:template match="tei:u">
    <xsl:variable name="phrase" select="ria:in-phrasing(.)"/>
    <xsl:element name="{if ($phrase) then 'span' else 'div'}">
      <xsl:attribute name="class">u</xsl:attribute>
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:if test="normalize-space(@who)">
        <xsl:attribute name="data-who" select="string-join(tokenize(normalize-space(@who), ' ') ! replace(., '^#', ''), ' ')"/>
      </xsl:if>
      <!-- Without a label of its own, the utterance is led by the names its @who points to, unless
           its annotation block names them already (spoken-iso.xsl). -->
      <xsl:if test="normalize-space(@who) and not(preceding-sibling::*[not(ria:is-aside-note(.))][1][ria:is-speaker-label(.)])
          and not(parent::tei:annotationBlock[normalize-space(@who)])">
        <xsl:element name="{if ($phrase) then 'span' else 'p'}">
          <xsl:attribute name="class">speaker</xsl:attribute>
          <xsl:call-template name="who-names"/>
        </xsl:element>
      </xsl:if>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- The names @who points to, each linked to its entry (the first entry carrying the element's
       anchor as a mention) or to the document's own cast, else as the document names it. -->
  <xsl:template name="who-names">
    <xsl:variable name="utterance" select="."/>
    <xsl:variable name="speakers" select="tokenize(normalize-space(@who), ' ')"/>
    <xsl:variable name="first-entry" select="(for $n in 1 to count($speakers)
        return $n[exists(ria:speaker-entry($utterance, $speakers[$n]))])[1]"/>
    <xsl:for-each select="$speakers">
      <xsl:if test="position() gt 1"><xsl:text>, </xsl:text></xsl:if>
      <xsl:variable name="href" select="ria:who-href($utterance, .)"/>
      <xsl:variable name="name" select="ria:character-name($utterance, replace(., '^#', ''))"/>
      <xsl:choose>
        <xsl:when test="exists(ria:speaker-entry($utterance, .))">
          <xsl:call-template name="speaker-link">
            <xsl:with-param name="entry" select="ria:speaker-entry($utterance, .)"/>
            <xsl:with-param name="anchor" select="if (position() = $first-entry) then string($utterance/@ria:mention) else ''"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:when test="$href"><a class="who" href="{$href}"><xsl:value-of select="$name"/></a></xsl:when>
        <xsl:otherwise><xsl:value-of select="$name"/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- The transcript's speaker label leads the utterance, as a play's speaker leads a speech. -->
  <!-- It links to the speaker's entry, as a play's speaker links to the cast (drama.xsl); the
       utterance's speakers are linked after it where it names several, or holds a link of its own. -->
  <xsl:template match="tei:note[ria:is-speaker-label(.)]" priority="3">
    <xsl:variable name="utterance" select="ria:next-past-notes(.)"/>
    <xsl:variable name="entries" select="tokenize(normalize-space($utterance/@who), ' ') ! ria:speaker-entry($utterance, .)"/>
    <xsl:variable name="anchor" select="string($utterance/@ria:mention)"/>
    <xsl:element name="{if (ria:in-phrasing(.)) then 'span' else 'p'}">
      <xsl:attribute name="class">speaker</xsl:attribute>
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:choose>
        <xsl:when test="count($entries) = 1 and not(.//(tei:note | tei:ref | tei:ptr | *[@ref] | *[ria:is-keyed-name(.)]))">
          <xsl:call-template name="speaker-link">
            <xsl:with-param name="entry" select="$entries"/>
            <xsl:with-param name="anchor" select="$anchor"/>
            <xsl:with-param name="words" select="node()"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:apply-templates/>
          <xsl:if test="exists($entries)">
            <xsl:text> </xsl:text>
            <span class="who-list">
              <span class="label" lang="en"><xsl:value-of select="$drama-labels('speakers')"/></span>
              <xsl:for-each select="$entries">
                <xsl:if test="position() gt 1"><xsl:text>, </xsl:text></xsl:if>
                <xsl:call-template name="speaker-link">
                  <xsl:with-param name="entry" select="."/>
                  <xsl:with-param name="anchor" select="if (position() = 1) then $anchor else ''"/>
                </xsl:call-template>
              </xsl:for-each>
            </span>
          </xsl:if>
        </xsl:otherwise>
      </xsl:choose>
      <!-- Its asides are the notes up to the utterance: read up to there and no further, as a
           sitting holds thousands of labels, each followed by all the rest. -->
      <xsl:iterate select="following-sibling::*">
        <xsl:choose>
          <xsl:when test="ria:is-aside-note(.)">
            <xsl:text> </xsl:text>
            <xsl:call-template name="transcript-aside"/>
          </xsl:when>
          <xsl:otherwise><xsl:break/></xsl:otherwise>
        </xsl:choose>
      </xsl:iterate>
    </xsl:element>
  </xsl:template>
  <xsl:template match="tei:note[ria:is-label-aside(.)]" priority="3"/>

  <!-- The register entry a speaker of an utterance is, where the site shows one (ParlaMint's
       who="#PAD_35521", a person of the corpus's list of speakers). A speaker the document lists
       itself is shown on its own page (drama.xsl), and is no mention (ria/model/mentions.py). -->
  <xsl:function name="ria:speaker-entry" as="xs:string?">
    <xsl:param name="utterance" as="element()"/>
    <xsl:param name="pointer" as="xs:string"/>
    <xsl:sequence select="(if (starts-with($pointer, '#')) then substring($pointer, 2) else $pointer)
        [map:contains($pages, .)][empty(key('ids', ., root($utterance)))]"/>
  </xsl:function>
  <!-- A link to a speaker's entry: the label's words, else the entry's name; the first carries the
       utterance's anchor as a mention, which the entry's list of mentions links to. -->
  <xsl:template name="speaker-link">
    <xsl:param name="entry" as="xs:string"/>
    <xsl:param name="anchor" as="xs:string"/>
    <xsl:param name="words" as="node()*" select="()"/>
    <xsl:variable name="id" select="if (contains($pages($entry), '#')) then substring-after($pages($entry), '#') else $entry"/>
    <a class="{ria:classes(('who', 'name', ria:register-of($pages($entry))))}" href="{$root}{$pages($entry)}" data-ref="{$id}">
      <xsl:if test="$anchor"><xsl:attribute name="id" select="$anchor"/></xsl:if>
      <xsl:choose>
        <xsl:when test="exists($words)">
          <xsl:apply-templates select="$words"><xsl:with-param name="in-link" select="true()" tunnel="yes"/></xsl:apply-templates>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="($entry-name($id), $id)[1]"/></xsl:otherwise>
      </xsl:choose>
    </a>
  </xsl:template>

  <!-- A time stamp, or the transcript's remark on the procedure, in its place. -->
  <xsl:template match="tei:note[ria:is-time-stamp(.)]" priority="2.5">
    <xsl:choose>
      <xsl:when test="ria:in-phrasing(.) or parent::tei:u">
        <xsl:text> </xsl:text><xsl:call-template name="transcript-aside"/><xsl:text> </xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <p class="transcript-note"><xsl:call-template name="transcript-aside"/></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
  <!-- The time a stamp's words run into ("Sitzung:<time>10:01</time>Uhr") is a word of its own. -->
  <xsl:template match="tei:note[ria:is-time-stamp(.)]/tei:time" priority="1">
    <xsl:if test="matches(string(preceding-sibling::node()[1][self::text()]), '\S$')"><xsl:text> </xsl:text></xsl:if>
    <xsl:next-match/>
    <xsl:if test="matches(string(following-sibling::node()[1][self::text()]), '^\S')"><xsl:text> </xsl:text></xsl:if>
  </xsl:template>
  <xsl:template name="transcript-aside">
    <span class="{string-join(('transcript-note', tokenize(normalize-space(@type), ' ')[matches(., '^[\w-]+$')]), ' ')}">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- What happens around the words: described (its desc), else named by its type, and by whom. -->
  <xsl:template match="tei:kinesic | tei:vocal | tei:incident">
    <xsl:text> </xsl:text>
    <span class="{string-join(('incident', local-name(), tokenize(normalize-space(@type), ' ')[matches(., '^[\w-]+$')]), ' ')}">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:choose>
        <xsl:when test="normalize-space(.)"><xsl:apply-templates/></xsl:when>
        <xsl:otherwise><xsl:value-of select="concat('[', (normalize-space(@type)[.], local-name())[1], ']')"/></xsl:otherwise>
      </xsl:choose>
      <!-- Who coughs, who applauds (ParlaMint's who="#SDS"): named after what they do. -->
      <xsl:if test="normalize-space(@who)">
        <xsl:text> (</xsl:text><xsl:call-template name="who-names"/><xsl:text>)</xsl:text>
      </xsl:if>
    </span>
    <xsl:call-template name="space-after-incident"/>
  </xsl:template>
  <!-- A space sets what happens apart from the words after it, not from the mark that closes the
       utterance (ISO 24624's <incident>…</incident><pc>.</pc>: "lacht.", not "lacht ."). -->
  <xsl:template name="space-after-incident">
    <xsl:if test="not(following-sibling::node()[not(self::text()[not(normalize-space())])][1][ria:closing-mark(.)])">
      <xsl:text> </xsl:text>
    </xsl:if>
  </xsl:template>
  <!-- A pause, and how long it lasted where the transcript measures it (dur="PT0.8S": "[pause 0.8 s]"). -->
  <xsl:template match="tei:pause">
    <xsl:variable name="seconds" select="(@dur[. castable as xs:dayTimeDuration] ! (xs:dayTimeDuration(.) div xs:dayTimeDuration('PT1S')))[. gt 0]"/>
    <xsl:text> </xsl:text>
    <span class="incident pause">
      <xsl:value-of select="concat('[', string-join(($spoken-labels('pause'), $seconds ! concat(format-number(., '0.###'), ' s')), ' '), ']')"/>
    </span>
    <xsl:call-template name="space-after-incident"/>
  </xsl:template>
</xsl:stylesheet>
