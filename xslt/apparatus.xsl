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

  <!-- An intervention's id: its own, else its place among the interventions in the order they begin
       (one within another, a sic in a supplied, has a number of its own, so no two share an id). The
       number is what an accumulator has counted when the intervention starts, found in one pass over
       the document: counting the ones before each anew would take time growing with the square of
       their number, and a critical edition has thousands. -->
  <xsl:function name="ria:app-id" as="xs:string">
    <xsl:param name="node" as="element()"/>
    <xsl:sequence select="concat('app-', ($node/@xml:id, $node/accumulator-before('interventions-begun'))[1])"/>
  </xsl:function>
  <xsl:function name="ria:is-intervention" as="xs:boolean">
    <xsl:param name="node" as="element()"/>
    <xsl:sequence select="exists($node[self::tei:choice[not(ria:is-one-sided-choice(.))] or self::tei:supplied[not(ancestor::tei:choice)]
        or self::tei:corr[not(parent::tei:choice)] or self::tei:sic[not(parent::tei:choice)]])"/>
  </xsl:function>
  <xsl:accumulator name="interventions-begun" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="*[ria:is-intervention(.)]" select="$value + 1"/>
  </xsl:accumulator>
  <xsl:function name="ria:agent" as="xs:string">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="resp" as="xs:string?"/>
    <xsl:variable name="id" select="substring-after(tokenize($resp, ' ')[1], '#')"/>
    <xsl:variable name="agent" select="key('ids', $id, root($context))"/>
    <xsl:sequence select="if ($id and $id = $editors-id) then 'the editors of this edition'
        else if ($agent) then normalize-space($agent[1]) else if ($id) then $id else 'unattributed'"/>
  </xsl:function>

  <!-- A mark leads to the apparatus where the apparatus lists the change: not inside a link (a link
       cannot hold one), nor inside a list of readings (variants.xsl), an apparatus of its own. -->
  <xsl:function name="ria:marks-apparatus" as="xs:boolean">
    <xsl:param name="node" as="element()"/>
    <xsl:sequence select="not(ria:in-link($node)) and empty($node/ancestor::tei:listApp)"/>
  </xsl:function>

  <!-- The intervention's two readings side by side; CSS shows one according to the view. A choice
       of the abbreviation's mark and the editor's letters themselves (Menota's and charter
       editions' "<choice><am>ꝑ</am><ex>per</ex></choice>") is an abbreviation expanded, as a choice
       of abbr and expan is; the letters in italics, as in an expan (levels.xsl). -->
  <xsl:template match="tei:choice">
    <xsl:variable name="original" select="tei:sic | tei:orig | tei:abbr | tei:am"/>
    <xsl:variable name="edited" select="tei:corr | tei:reg | tei:expan | tei:ex"/>
    <span class="app app-{local-name($original[1])}" id="{ria:app-id(.)}">
      <span class="reading"><xsl:apply-templates select="$edited/(if (self::tei:ex) then . else node())"/></span>
      <span class="original"><xsl:apply-templates select="$original/node()"/></span>
      <xsl:if test="ria:marks-apparatus(.)">
        <a class="app-ref" href="#{ria:app-id(.)}-note" aria-label="About this correction">°</a>
      </xsl:if>
    </span>
  </xsl:template>

  <!-- A choice of one side only (Tolstoy.Digital's <choice><reg>земле</reg></choice>, the
       modern spelling with no old one beside it; an orig with no reg) has nothing to set against
       it: its reading is the text's words in both views, no change the apparatus lists. -->
  <xsl:function name="ria:is-one-sided-choice" as="xs:boolean">
    <xsl:param name="choice" as="element(tei:choice)"/>
    <xsl:sequence select="exists($choice/(tei:corr | tei:reg | tei:expan | tei:ex)) ne exists($choice/(tei:sic | tei:orig | tei:abbr | tei:am))"/>
  </xsl:function>
  <xsl:template match="tei:choice[ria:is-one-sided-choice(.)]" priority="2">
    <xsl:apply-templates select="*/node()"/>
  </xsl:template>

  <!-- (Letters supplied within one reading of a choice, the copy-text's "γε[ί]νετε", are the
       choice's change: marked as supplied, with no id or entry of their own.) -->
  <xsl:template match="tei:supplied | tei:corr[not(parent::tei:choice)]">
    <span class="app app-supplied">
      <xsl:if test="ria:is-intervention(.)"><xsl:attribute name="id" select="ria:app-id(.)"/></xsl:if>
      <span class="{string-join(('reading', 'supplied', @reason[. = 'lost'] ! 'supplied-lost', @cert[. = 'low'] ! 'supplied-uncertain'), ' ')}"><xsl:apply-templates/></span>
      <xsl:if test="ria:is-intervention(.) and ria:marks-apparatus(.)">
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

  <!-- A gap described by marks alone is shown by them: the EEBO-TCP keyers' "•" for each letter
       they could not read, "〈◊◊〉" for words, stand where the letters stood ("<gap
       extent="1 letter"><desc>•</desc></gap>aid" reads "•aid", not "[…] •aid"). Below the rules
       that give a gap between list items a place of its own (body.xsl, content-model.xsl). -->
  <xsl:template match="tei:gap[tei:desc[normalize-space()]][every $desc in tei:desc satisfies not(matches($desc, '[\p{L}\p{N}]'))]" priority="0.4">
    <span class="gap" title="{string-join(('Omitted', string-join((@reason ! replace(., '-', ' '), ria:gap-extent(.)), ', ')[.]), ': ')}">
      <xsl:value-of select="normalize-space(tei:desc[normalize-space()][1])"/>
    </span>
  </xsl:template>
  <xsl:template match="tei:gap">
    <span class="gap" title="{string-join(('Omitted', string-join((@reason ! replace(., '-', ' '), ria:gap-extent(.)), ', ')[.],
        string-join(tei:desc ! normalize-space(.), ' / ')[.]), ': ')}">[…]</span>
    <!-- What the transcriber says was left out (a desc, in the text's language where there are several). -->
    <xsl:variable name="language" select="(ancestor-or-self::*/@xml:lang)[last()]"/>
    <xsl:for-each select="(tei:desc[@xml:lang = $language], tei:desc)[normalize-space()][1]">
      <xsl:text> </xsl:text>
      <span class="gap-desc"><xsl:apply-templates/></span>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="tei:unclear">
    <span class="unclear" title="unclear in the source"><xsl:apply-templates/></span>
  </xsl:template>
  <!-- An unclear of no words (Kalbeck's diary: <unclear reason="illegible"/>) stands for what could
       not be read at all: marked as a gap is, not an empty span the reader cannot see. -->
  <xsl:template match="tei:unclear[not(normalize-space())][not(*)]">
    <span class="unclear unclear-unread" title="{string-join(('unclear in the source', @reason[normalize-space()] ! replace(normalize-space(.), '-', ' ')), ': ')}">[…]</span>
  </xsl:template>

  <!-- ================================================================ the apparatus list -->
  <!-- Each entry says where the change is (the passage's location, a link to it), the edition's
       reading in a few words of its context, the copy-text's reading, why and by whom. The same
       change made more than once (a regularisation, an abbreviation expanded, a paragraph break
       removed) is one entry, with its count and a link to each place. -->
  <xsl:variable name="apparatus-labels" select="map{
      'copy-text': 'copy-text: ',
      'nothing': 'copy-text: nothing',
      'space': 'a space',
      'join': 'the copy-text begins a new paragraph here: the edition joins the two parts',
      'removed': 'removed by the edition',
      'reg': 'regularised',
      'expan': 'abbreviation expanded',
      'ex': 'abbreviation expanded',
      'corr': 'corrected',
      'supplied': 'not in the copy-text: supplied',
      'sic': 'so in the copy-text, left uncorrected',
      'by': 'by ',
      'then': ' · ',
      'times': ' times: ',
      'at': '; at ',
      'here': 'the place in the text'}"/>
  <!-- Words of context on each side of a single change. -->
  <xsl:param name="apparatus-context-words" as="xs:integer" select="5"/>

  <!-- With the witnesses' variants (variants.xsl), each an entry of its own. -->
  <xsl:variable name="interventions" select="/tei:TEI/tei:text//(tei:choice[not(ria:is-one-sided-choice(.))] | tei:supplied[not(ancestor::tei:choice)] | tei:corr[not(parent::tei:choice)] | tei:sic[not(parent::tei:choice)]
      | tei:app[not(ancestor::tei:rdg)])[not(ancestor::tei:listApp)][self::tei:app or not(ria:is-unread-reading(.))]"/>

  <xsl:template name="apparatus-section">
    <xsl:if test="$interventions">
      <ol class="apparatus">
        <!-- Groups come in the order of their first change. -->
        <xsl:for-each-group select="$interventions" group-by="ria:app-key(.)">
          <xsl:choose>
            <xsl:when test="count(current-group()) gt 1">
              <xsl:apply-templates select="." mode="apparatus-group">
                <xsl:with-param name="group" select="current-group()"/>
              </xsl:apply-templates>
            </xsl:when>
            <xsl:otherwise><xsl:apply-templates select="." mode="apparatus"/></xsl:otherwise>
          </xsl:choose>
        </xsl:for-each-group>
      </ol>
    </xsl:if>
  </xsl:template>

  <!-- Changes that are the same change: the same kind, readings, reason and agent. A change of
       another kind (a choice of alternatives) stands alone. -->
  <xsl:function name="ria:app-key" as="xs:string">
    <xsl:param name="app" as="element()"/>
    <xsl:variable name="edited" select="$app/(tei:corr | tei:reg | tei:expan | tei:ex)[1]"/>
    <xsl:variable name="original" select="$app/(tei:sic | tei:orig | tei:abbr | tei:am)[1]"/>
    <xsl:sequence select="if ($app/self::tei:choice and $edited and $original)
        then string-join(('choice', local-name($edited), ria:app-text($edited), ria:app-text($original),
                          $edited/@type, ($edited/@resp, $app/@resp)[1]), '&#xE000;')
        else generate-id($app)"/>
  </xsl:function>

  <xsl:function name="ria:app-text" as="xs:string">
    <xsl:param name="reading" as="element()?"/>
    <xsl:variable name="text"><xsl:apply-templates select="$reading/node()" mode="apparatus-text"/></xsl:variable>
    <xsl:sequence select="string($text)"/>
  </xsl:function>

  <!-- Where a change is, as a link to it: its passage's location ("§ 3, ¶ 5"). -->
  <xsl:template name="app-where">
    <xsl:param name="app" as="element()"/>
    <a href="#{ria:app-id($app)}" class="app-where">
      <xsl:value-of select="(ria:location($app), $apparatus-labels('here'))[1]"/>
    </a>
  </xsl:template>

  <!-- Why and by whom: "error of the transcription, by the editors of this edition". -->
  <xsl:function name="ria:app-why" as="xs:string">
    <xsl:param name="app" as="element()"/>
    <xsl:variable name="edited" select="$app/(tei:corr | tei:reg | tei:expan | tei:ex)[1]"/>
    <xsl:sequence select="string-join((
        ($edited/@type ! $correction-labels(.), $edited ! $apparatus-labels(local-name(.)))[1],
        concat($apparatus-labels('by'), ria:agent($app, ($edited/@resp, $app/@resp)[1]))), ', ')
        || ($edited/@cert ! concat(' (certainty: ', ., ')'))"/>
  </xsl:function>

  <!-- The copy-text's reading, in words where it has none to quote. -->
  <xsl:template name="app-copy-text">
    <xsl:param name="original" as="element()"/>
    <xsl:param name="edited" as="element()?"/>
    <xsl:variable name="text" select="ria:app-text($original)"/>
    <xsl:choose>
      <xsl:when test="$original//tei:milestone[@unit = ('paragraph', 'p')] and not(normalize-space(replace($text, '¶', '')))">
        <xsl:value-of select="$apparatus-labels('join')"/>
      </xsl:when>
      <xsl:when test="$text = ''"><xsl:value-of select="$apparatus-labels('nothing')"/></xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="$apparatus-labels('copy-text')"/>
        <span class="rdg"><xsl:value-of select="if (normalize-space($text)) then $text else $apparatus-labels('space')"/></span>
        <xsl:if test="$edited and ria:app-text($edited) = ''"> (<xsl:value-of select="$apparatus-labels('removed')"/>)</xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The reading text's words around a change, within its block (paragraph, heading, note …). -->
  <xsl:function name="ria:app-context" as="xs:string">
    <xsl:param name="app" as="element()"/>
    <xsl:param name="after" as="xs:boolean"/>
    <xsl:variable name="block" select="$app/ancestor::*[self::tei:p or self::tei:head or self::tei:item or self::tei:note
        or self::tei:label or self::tei:l or self::tei:cell or self::tei:dateline or self::tei:signed or self::tei:salute
        or self::tei:titlePart or self::tei:docAuthor or self::tei:byline or self::tei:bibl][1]"/>
    <xsl:variable name="nodes" select="$block//text()[not(ancestor::tei:sic or ancestor::tei:orig or ancestor::tei:abbr or ancestor::tei:am[parent::tei:choice] or ancestor::tei:fw)]
        [empty(ancestor::tei:note intersect $block//tei:note)][empty(ancestor::* intersect $app)]"/>
    <xsl:variable name="words" select="string-join(if ($after) then $nodes[. &gt;&gt; $app] else $nodes[. &lt;&lt; $app], '')"/>
    <xsl:variable name="tokens" select="tokenize(normalize-space($words), ' ')[. != '']"/>
    <xsl:variable name="n" select="$apparatus-context-words"/>
    <xsl:sequence select="if (empty($tokens)) then ''
        else if ($after) then concat(if (matches($words, '^\s')) then ' ' else '', string-join(subsequence($tokens, 1, $n), ' '),
                                     if (count($tokens) gt $n) then ' …' else '')
        else concat(if (count($tokens) gt $n) then '… ' else '', string-join(subsequence($tokens, count($tokens) - $n + 1), ' '),
                    if (matches($words, '\s$')) then ' ' else '')"/>
  </xsl:function>

  <xsl:template name="app-lemma">
    <xsl:param name="app" as="element()"/>
    <xsl:param name="lemma" as="node()*"/>
    <span class="app-context"><xsl:value-of select="ria:app-context($app, false())"/></span>
    <span class="lem"><xsl:apply-templates select="$lemma" mode="apparatus-text"/></span>
    <span class="app-context"><xsl:value-of select="ria:app-context($app, true())"/></span>
  </xsl:template>

  <xsl:template match="tei:choice" mode="apparatus">
    <xsl:variable name="edited" select="(tei:corr | tei:reg | tei:expan | tei:ex)[1]"/>
    <xsl:variable name="original" select="(tei:sic | tei:orig | tei:abbr | tei:am)[1]"/>
    <li id="{ria:app-id(.)}-note" class="app-entry">
      <xsl:call-template name="app-where"><xsl:with-param name="app" select="."/></xsl:call-template>
      <xsl:text> </xsl:text>
      <xsl:call-template name="app-lemma">
        <xsl:with-param name="app" select="."/>
        <xsl:with-param name="lemma" select="$edited/node()"/>
      </xsl:call-template>
      <xsl:value-of select="$apparatus-labels('then')"/>
      <xsl:call-template name="app-copy-text">
        <xsl:with-param name="original" select="$original"/>
        <xsl:with-param name="edited" select="$edited"/>
      </xsl:call-template>
      <xsl:value-of select="$apparatus-labels('then')"/>
      <span class="app-why"><xsl:value-of select="ria:app-why(.)"/></span>
    </li>
  </xsl:template>

  <!-- The same change made more than once: said once, with how often and where. -->
  <xsl:template match="tei:choice" mode="apparatus-group">
    <xsl:param name="group" as="element()+"/>
    <xsl:variable name="edited" select="(tei:corr | tei:reg | tei:expan | tei:ex)[1]"/>
    <xsl:variable name="original" select="(tei:sic | tei:orig | tei:abbr | tei:am)[1]"/>
    <li class="app-entry app-group">
      <span class="app-count"><xsl:value-of select="count($group)"/><xsl:value-of select="$apparatus-labels('times')"/></span>
      <xsl:if test="ria:app-text($edited) != ''">
        <span class="lem"><xsl:apply-templates select="$edited/node()" mode="apparatus-text"/></span>
        <xsl:value-of select="$apparatus-labels('then')"/>
      </xsl:if>
      <xsl:call-template name="app-copy-text">
        <xsl:with-param name="original" select="$original"/>
        <xsl:with-param name="edited" select="$edited"/>
      </xsl:call-template>
      <xsl:value-of select="$apparatus-labels('then')"/>
      <span class="app-why"><xsl:value-of select="ria:app-why(.)"/></span>
      <xsl:value-of select="$apparatus-labels('at')"/>
      <ol class="app-places">
        <xsl:for-each select="$group">
          <li id="{ria:app-id(.)}-note"><xsl:call-template name="app-where"><xsl:with-param name="app" select="."/></xsl:call-template></li>
        </xsl:for-each>
      </ol>
    </li>
  </xsl:template>

  <xsl:template match="tei:supplied | tei:corr" mode="apparatus">
    <li id="{ria:app-id(.)}-note" class="app-entry">
      <xsl:call-template name="app-where"><xsl:with-param name="app" select="."/></xsl:call-template>
      <xsl:text> </xsl:text>
      <xsl:call-template name="app-lemma">
        <xsl:with-param name="app" select="."/>
        <xsl:with-param name="lemma" select="node()"/>
      </xsl:call-template>
      <xsl:value-of select="$apparatus-labels('then')"/>
      <xsl:value-of select="$apparatus-labels('supplied')"/>
      <xsl:variable name="qualities" select="(@reason ! replace(., '-', ' '), @cert[. = 'low'] ! 'uncertain')"/>
      <xsl:if test="exists($qualities)"> (<xsl:value-of select="string-join($qualities, ', ')"/>)</xsl:if>
      <xsl:value-of select="$apparatus-labels('then')"/>
      <span class="app-why"><xsl:value-of select="concat($apparatus-labels('by'), ria:agent(., @resp))"/></span>
    </li>
  </xsl:template>

  <xsl:template match="tei:sic" mode="apparatus">
    <li id="{ria:app-id(.)}-note" class="app-entry">
      <xsl:call-template name="app-where"><xsl:with-param name="app" select="."/></xsl:call-template>
      <xsl:text> </xsl:text>
      <span class="app-context"><xsl:value-of select="ria:app-context(., false())"/></span>
      <span class="rdg"><xsl:apply-templates mode="apparatus-text"/></span>
      <span class="app-context"><xsl:value-of select="ria:app-context(., true())"/></span>
      <xsl:value-of select="$apparatus-labels('then')"/>
      <xsl:value-of select="$apparatus-labels('sic')"/>
    </li>
  </xsl:template>

  <xsl:template match="tei:milestone[@unit = ('paragraph', 'p')]" mode="apparatus-text">
    <xsl:text>¶</xsl:text>
  </xsl:template>
  <xsl:template match="tei:note" mode="apparatus-text"/>
  <!-- A reading quoted in the apparatus reads as the text does: a choice by its edited reading
       (not "ἡμᾶςἡμως", both run together), a gap as the sign the text gives it. -->
  <xsl:template match="tei:choice[tei:corr | tei:reg | tei:expan | tei:ex]" mode="apparatus-text">
    <xsl:apply-templates select="(tei:corr | tei:reg | tei:expan | tei:ex)[1]/node()" mode="apparatus-text"/>
  </xsl:template>
  <xsl:template match="tei:gap" mode="apparatus-text">
    <xsl:text>[…]</xsl:text>
  </xsl:template>
  <xsl:template match="text()" mode="apparatus-text">
    <xsl:value-of select="."/>
  </xsl:template>
  <xsl:template match="*" mode="apparatus-text">
    <xsl:apply-templates mode="apparatus-text"/>
  </xsl:template>
</xsl:stylesheet>
