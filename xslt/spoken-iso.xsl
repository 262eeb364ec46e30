<?xml version="1.0" encoding="UTF-8"?>
<!--
  Transcribed speech as ISO 24624 (TEI for spoken language) has it, the way EXMARaLDA, ELAN's and
  TEI-CORPO's converters and the CLARIN spoken corpora export it: each stretch of talk is an
  annotationBlock whose @who names the speaker and whose @start and @end point into the text's
  timeline (when elements, each an @absolute time or an @interval since another); in it, the
  utterance (u) and the tiers annotating it (spanGrp: a translation, a prosodic transcription),
  each span pointing to the times or words it covers.

  A block reads as a play's speech does: led by its speaker, and by the time it starts at; the
  utterance follows, then each tier on a line of its own, labelled by its type. The timeline is
  what the times are read from, no text of its own.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ria="urn:revolution-in-arms"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:template match="tei:timeline"/>

  <xsl:template match="tei:annotationBlock">
    <div class="annotation-block">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:variable name="start" select="ria:seconds-at(., @start)"/>
      <xsl:if test="normalize-space(@who) or exists($start)">
        <p class="speaker">
          <xsl:if test="normalize-space(@who)"><xsl:call-template name="who-names"/></xsl:if>
          <xsl:if test="normalize-space(@who) and exists($start)"><xsl:text> </xsl:text></xsl:if>
          <xsl:for-each select="$start">
            <time class="block-time" datetime="{ria:html-duration(.)}"><xsl:value-of select="ria:clock(.)"/></time>
          </xsl:for-each>
        </p>
      </xsl:if>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <!-- A tier: its spans in their order, after its type ("en", "pho", "akz"). -->
  <xsl:template match="tei:annotationBlock/tei:spanGrp">
    <xsl:if test="normalize-space()">
      <p class="span-grp">
        <xsl:if test="normalize-space(@type)"><span class="label"><xsl:value-of select="normalize-space(@type)"/></span><xsl:text> </xsl:text></xsl:if>
        <xsl:for-each select="tei:span[normalize-space()]">
          <xsl:if test="position() gt 1"><xsl:text> </xsl:text></xsl:if>
          <span class="span"><xsl:apply-templates/></span>
        </xsl:for-each>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- The seconds a pointer into the timeline (start="#T1") stands for, if the timeline says. -->
  <xsl:function name="ria:seconds-at" as="xs:double?">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:sequence select="key('ids', replace(normalize-space($pointer), '^#', ''), root($context))[self::tei:when][1] ! ria:when-seconds(., 0)"/>
  </xsl:function>
  <!-- A when's time: its @absolute (a clock time "00:01:02.5" or seconds), else its @interval
       since the when its @since names (the timeline's origin where none), in the timeline's unit. -->
  <xsl:function name="ria:when-seconds" as="xs:double?">
    <xsl:param name="when" as="element()"/>
    <xsl:param name="depth" as="xs:integer"/>
    <xsl:variable name="timeline" select="$when/parent::tei:timeline"/>
    <xsl:variable name="since" select="($when/@since, $timeline/@origin)[normalize-space()][1]
        ! key('ids', replace(normalize-space(.), '^#', ''), root($when))[self::tei:when][1] except $when"/>
    <xsl:variable name="scale" select="if ($timeline/@unit = 'ms') then 0.001 else if ($timeline/@unit = 'min') then 60 else 1"/>
    <xsl:sequence select="
        if (normalize-space($when/@absolute)) then ria:clock-seconds(normalize-space($when/@absolute))
        else if ($when/@interval castable as xs:double and $depth lt 100)
          then (if ($since) then ria:when-seconds($since, $depth + 1) else 0) + xs:double($when/@interval) * $scale
        else ()"/>
  </xsl:function>
  <xsl:function name="ria:clock-seconds" as="xs:double?">
    <xsl:param name="clock" as="xs:string"/>
    <xsl:variable name="parts" select="tokenize(replace($clock, '^.*T', ''), ':')"/>
    <xsl:sequence select="if (every $part in $parts satisfies $part castable as xs:double)
        then sum(for $n in 1 to count($parts) return xs:double($parts[$n]) * math:pow(60, count($parts) - $n))
        else ()" xmlns:math="http://www.w3.org/2005/xpath-functions/math"/>
  </xsl:function>
  <!-- "1:02.5", "1:00:02.5": minutes (and hours) and seconds to a tenth. -->
  <xsl:function name="ria:clock" as="xs:string">
    <xsl:param name="seconds" as="xs:double"/>
    <xsl:variable name="tenths" select="xs:integer(round($seconds * 10))"/>
    <xsl:variable name="hours" select="$tenths idiv 36000"/>
    <xsl:variable name="minutes" select="($tenths idiv 600) mod 60"/>
    <xsl:sequence select="concat(if ($hours gt 0) then concat($hours, ':', format-number($minutes, '00')) else string($minutes),
        ':', format-number(($tenths mod 600) div 10, '00.0'))"/>
  </xsl:function>
  <xsl:function name="ria:html-duration" as="xs:string">
    <xsl:param name="seconds" as="xs:double"/>
    <xsl:sequence select="concat('PT', format-number($seconds, '0.###'), 'S')"/>
  </xsl:function>
</xsl:stylesheet>
