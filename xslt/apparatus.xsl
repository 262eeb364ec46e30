<?xml version="1.0" encoding="UTF-8"?>
<!--
  The apparatus: every intervention of the editors is shown in the reading text,
  keeps the copy-text's reading for the diplomatic view, and is listed at the
  end with what was changed, why and by whom.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ria="urn:revolution-in-arms"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:variable name="correction-labels" select="map{
      'print': 'error of the printed source',
      'transcription': 'error of the transcription'}"/>

  <xsl:function name="ria:app-id" as="xs:string">
    <xsl:param name="node" as="element()"/>
    <xsl:sequence select="concat('app-', ($node/@xml:id, count($node/preceding::*[self::tei:choice or self::tei:supplied[not(ancestor::tei:choice)] or self::tei:corr[not(parent::tei:choice)] or self::tei:sic[not(parent::tei:choice)]]) + 1)[1])"/>
  </xsl:function>

  <xsl:function name="ria:agent" as="xs:string">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="resp" as="xs:string?"/>
    <xsl:variable name="id" select="substring-after(tokenize($resp, ' ')[1], '#')"/>
    <xsl:variable name="agent" select="key('ids', $id, root($context))"/>
    <xsl:sequence select="if ($id = 'ria') then 'the editors of this edition'
        else if ($agent) then normalize-space($agent[1]) else if ($id) then $id else 'unattributed'"/>
  </xsl:function>

  <!-- The intervention's two readings side by side; CSS shows one according to the view. -->
  <xsl:template match="tei:choice">
    <xsl:variable name="original" select="tei:sic | tei:orig | tei:abbr"/>
    <xsl:variable name="edited" select="tei:corr | tei:reg | tei:expan"/>
    <span class="app app-{local-name($original[1])}" id="{ria:app-id(.)}">
      <span class="reading"><xsl:apply-templates select="$edited/node()"/></span>
      <span class="original"><xsl:apply-templates select="$original/node()"/></span>
      <xsl:if test="not(ria:in-link(.))">
        <a class="app-ref" href="#{ria:app-id(.)}-note" aria-label="About this correction">°</a>
      </xsl:if>
    </span>
  </xsl:template>

  <xsl:template match="tei:supplied | tei:corr[not(parent::tei:choice)]">
    <span class="app app-supplied" id="{ria:app-id(.)}">
      <span class="reading supplied"><xsl:apply-templates/></span>
      <xsl:if test="not(ria:in-link(.))">
        <a class="app-ref" href="#{ria:app-id(.)}-note" aria-label="About this addition">°</a>
      </xsl:if>
    </span>
  </xsl:template>

  <xsl:template match="tei:sic[not(parent::tei:choice)]">
    <span class="app app-sic-only" id="{ria:app-id(.)}"><xsl:apply-templates/> <span class="sic-mark">[sic]</span></span>
  </xsl:template>

  <!-- A paragraph break that the copy-text has and the edition removes. -->
  <xsl:template match="tei:sic/tei:milestone[@unit = ('paragraph', 'p')] | tei:orig/tei:milestone[@unit = ('paragraph', 'p')]">
    <span class="pilcrow" title="paragraph break in the copy-text">¶</span>
  </xsl:template>

  <xsl:template match="tei:gap">
    <span class="gap" title="{string-join(('Omitted', @reason ! replace(., '-', ' ')), ': ')}">[…]</span>
  </xsl:template>

  <xsl:template match="tei:unclear">
    <span class="unclear" title="unclear in the source"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- ================================================================ the apparatus list -->
  <xsl:template name="apparatus-section">
    <xsl:variable name="interventions" select="/tei:TEI/tei:text//(tei:choice | tei:supplied[not(ancestor::tei:choice)] | tei:corr[not(parent::tei:choice)] | tei:sic[not(parent::tei:choice)])"/>
    <xsl:if test="$interventions">
      <ol class="apparatus">
        <xsl:apply-templates select="$interventions" mode="apparatus"/>
      </ol>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:choice" mode="apparatus">
    <xsl:variable name="edited" select="(tei:corr | tei:reg | tei:expan)[1]"/>
    <xsl:variable name="original" select="(tei:sic | tei:orig | tei:abbr)[1]"/>
    <li id="{ria:app-id(.)}-note" class="app-entry">
      <a href="#{ria:app-id(.)}" class="app-backlink" aria-label="Back to the text">↑</a>
      <xsl:text> </xsl:text>
      <span class="lem"><xsl:apply-templates select="$edited/node()" mode="apparatus-text"/></span>
      <xsl:text>] </xsl:text>
      <span class="rdg"><xsl:apply-templates select="$original/node()" mode="apparatus-text"/></span>
      <xsl:text> copy-text — </xsl:text>
      <xsl:value-of select="string-join((
          ($edited/@type ! $correction-labels(.), if ($edited/self::tei:reg) then 'regularised' else if ($edited/self::tei:expan) then 'abbreviation expanded' else 'corrected')[1],
          concat('by ', ria:agent(., ($edited/@resp, @resp)[1]))), ', ')"/>
      <xsl:if test="$edited/@cert"> (certainty: <xsl:value-of select="$edited/@cert"/>)</xsl:if>
    </li>
  </xsl:template>

  <xsl:template match="tei:supplied | tei:corr" mode="apparatus">
    <li id="{ria:app-id(.)}-note" class="app-entry">
      <a href="#{ria:app-id(.)}" class="app-backlink" aria-label="Back to the text">↑</a>
      <xsl:text> </xsl:text>
      <span class="lem"><xsl:apply-templates mode="apparatus-text"/></span>
      <xsl:text>] not in the copy-text — supplied</xsl:text>
      <xsl:if test="@reason"> (<xsl:value-of select="replace(@reason, '-', ' ')"/>)</xsl:if>
      <xsl:text> by </xsl:text>
      <xsl:value-of select="ria:agent(., @resp)"/>
    </li>
  </xsl:template>

  <xsl:template match="tei:sic" mode="apparatus">
    <li id="{ria:app-id(.)}-note" class="app-entry">
      <a href="#{ria:app-id(.)}" class="app-backlink" aria-label="Back to the text">↑</a>
      <xsl:text> </xsl:text>
      <span class="rdg"><xsl:apply-templates mode="apparatus-text"/></span>
      <xsl:text>] so in the copy-text; left uncorrected</xsl:text>
    </li>
  </xsl:template>

  <xsl:template match="tei:milestone[@unit = ('paragraph', 'p')]" mode="apparatus-text">
    <xsl:text>¶</xsl:text>
  </xsl:template>
  <xsl:template match="tei:note" mode="apparatus-text"/>
  <xsl:template match="text()" mode="apparatus-text">
    <xsl:value-of select="."/>
  </xsl:template>
  <xsl:template match="*" mode="apparatus-text">
    <xsl:apply-templates mode="apparatus-text"/>
  </xsl:template>
</xsl:stylesheet>
