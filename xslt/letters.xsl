<?xml version="1.0" encoding="UTF-8"?>
<!--
  Letters: who wrote to whom, from where and when (the header's correspDesc), as a row of
  the about part (see profile.xsl), and at the head of each letter of an anthology. The letter's own parts (opener, closer, salute, signed,
  dateline) are rendered by body.xsl, postscript and address by generic.xsl, each in the
  form its place allows (content-model.xsl).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:ria="urn:revolution-in-arms"
    xmlns:h="http://www.w3.org/1999/xhtml"
    xmlns:vg="http://www.vangoghletters.org/ns/"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:variable name="letter-labels" select="map{
      'correspondence': 'Correspondence',
      'to': ' → ',
      'and': ' &amp; ',
      'or': ' / ',
      'received': 'received',
      'transmitted': 'transmitted',
      'forwarded': 'forwarded',
      'redirected': 'redirected',
      'previous': 'Previous letter',
      'next': 'Next letter',
      'in-collection': ' in the edition',
      'in-correspondence': ' in this correspondence',
      'context': 'In the correspondence',
      'letters': 'Letters',
      'listed': ' letters, listed in the text',
      'letter-link': 'the letter',
      'source': 'source: ',
      'note': 'Note on the letter'}"/>

  <!-- "sender → addressee, place, date"; where and when it was received, forwarded … below it. -->
  <xsl:template match="tei:correspDesc[tei:correspAction]" mode="about-lead">
    <xsl:variable name="sent" select="tei:correspAction[@type = 'sent' or not(@type)]"/>
    <xsl:variable name="received" select="tei:correspAction[@type = 'received']"/>
    <dt><xsl:value-of select="$letter-labels('correspondence')"/></dt>
    <dd class="correspondence"><xsl:value-of select="ria:correspondence-line(.)"/></dd>
    <xsl:for-each select="tei:correspAction except $sent">
      <!-- The addressee is named above already. -->
      <xsl:variable name="parts" select="(if (@type = 'received') then () else ria:correspondents(.),
          ria:action-place(.), ria:action-date(.))[normalize-space()]"/>
      <xsl:if test="exists($parts)">
        <dd class="correspondence-action">
          <xsl:value-of select="concat(($letter-labels(@type), @type)[1], ': ', string-join($parts, ', '))"/>
        </dd>
      </xsl:if>
    </xsl:for-each>
    <xsl:apply-templates select="tei:correspContext" mode="about-lead"/>
    <!-- The editors' notes on the letter (ediarum's "Anmerkungen zum Brief": on its dating, its
         transmission), each a row of its own. -->
    <xsl:for-each select="tei:note[normalize-space()]">
      <dt><xsl:value-of select="$letter-labels('note')"/></dt>
      <dd class="correspondence-note"><xsl:call-template name="header-children"/></dd>
    </xsl:for-each>
  </xsl:template>

  <!-- Where the letter stands in its correspondence (correspContext): the previous and the next
       letter (ref type="prev", "previous", "next", or the ACDH's type="withinCorrespondence" with
       subtype="previous_letter"), linked where the corpus or the web has them, named where not;
       the correspondence it belongs to. A reference of no words names its letter by its title. -->
  <xsl:template match="tei:correspContext" mode="about-lead">
    <xsl:for-each select="tei:ref[normalize-space() or normalize-space(@target)]">
      <xsl:variable name="kind" select="lower-case(string-join((@subtype, @type), ' '))"/>
      <xsl:variable name="target" select="tokenize(normalize-space(@target), ' ')[1]"/>
      <xsl:variable name="href" select="$target ! ria:href(current(), .)"/>
      <!-- (the ACDH's letters give both: the edition's letter before and after, and this correspondence's) -->
      <xsl:variable name="within" select="if (matches($kind, 'withincollection')) then $letter-labels('in-collection')
          else if (matches($kind, 'withincorrespondence')) then $letter-labels('in-correspondence') else ''"/>
      <dt><xsl:value-of select="if (matches($kind, 'prev')) then $letter-labels('previous') || $within
          else if (matches($kind, 'next')) then $letter-labels('next') || $within else $letter-labels('context')"/></dt>
      <dd class="correspondence-context">
        <xsl:variable name="words" select="(normalize-space(), ria:pointer-words(.), $target)[normalize-space()][1]"/>
        <xsl:choose>
          <xsl:when test="exists($href)"><a href="{$href}"><xsl:value-of select="$words"/></a></xsl:when>
          <xsl:otherwise><xsl:value-of select="$words"/></xsl:otherwise>
        </xsl:choose>
      </dd>
    </xsl:for-each>
  </xsl:template>

  <!-- A file of many letters' records and no text (CMIF, correspSearch's format: the header's
       correspDesc, one a letter, with @ref to the letter's page and @source to the edition it is
       printed in): its letters are its text, listed by date, each as "sender → addressee, place,
       date", linked to the letter, with its source. The about part counts them. -->
  <xsl:function name="ria:lists-letters" as="xs:boolean">
    <xsl:param name="document" as="node()"/>
    <xsl:variable name="descs" select="root($document)/tei:TEI/tei:teiHeader/tei:profileDesc/tei:correspDesc"/>
    <xsl:sequence select="count($descs) gt 1 and not(normalize-space(string-join(root($document)/tei:TEI/tei:text//text(), '')))
        and empty(root($document)/tei:TEI/tei:text//@decls)"/>
  </xsl:function>
  <xsl:template match="tei:body[ria:lists-letters(.)]" priority="1">
    <div class="body">
      <ol class="letters">
        <xsl:for-each select="/tei:TEI/tei:teiHeader/tei:profileDesc/tei:correspDesc">
          <!-- (an undated letter last) -->
          <xsl:sort select="((*[local-name() = 'correspAction'][@type = ('sent', 'sending') or not(@type)]/*[local-name() = 'date']
              /(@when, @notBefore, @from, @notAfter, @to))[matches(., '^\d{4}')], '9999')[1]"/>
          <xsl:variable name="letter" select="tokenize(normalize-space(@ref), ' ')[matches(., '^https?://')][1]"/>
          <xsl:variable name="source" select="tokenize(normalize-space(@source), ' ')[1] ! ria:href(current(), .)"/>
          <li class="letter">
            <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
            <xsl:call-template name="listed-letter-line"/>
            <xsl:if test="exists($letter)">
              <xsl:text> · </xsl:text><a href="{$letter}"><xsl:value-of select="$letter-labels('letter-link')"/></a>
            </xsl:if>
            <xsl:for-each select="tokenize(normalize-space(@source), ' ')[1] ! key('ids', substring-after(., '#'), root(current()))[normalize-space()][1]">
              <xsl:text> · </xsl:text>
              <span class="letter-source"><xsl:value-of select="$letter-labels('source')"/>
                <a href="{$source}"><xsl:value-of select="normalize-space(string-join(.//text()[not(ancestor::tei:note)], ''))"/></a></span>
            </xsl:for-each>
          </li>
        </xsl:for-each>
      </ol>
    </div>
  </xsl:template>
  <xsl:template match="tei:correspDesc[ria:lists-letters(.)]" mode="about-lead" priority="1">
    <xsl:if test="empty(preceding-sibling::tei:correspDesc)">
      <dt><xsl:value-of select="$letter-labels('letters')"/></dt>
      <dd class="correspondence"><a href="#text"><xsl:value-of select="concat(count(../tei:correspDesc), $letter-labels('listed'))"/></a></dd>
    </xsl:if>
  </xsl:template>

  <!-- A division without a heading that opens with a dateline (a diary's entry, "Thursday, July
       28", and the next of that day, "Evening"; a letter's writing session) is named by it, in
       the table of contents, not by its type ("Entry", "Entry" …). Only what opens it: the date a
       scene ends with is no name of it. -->
  <xsl:function name="ria:dateline-title" as="xs:string?">
    <xsl:param name="div" as="element()"/>
    <xsl:variable name="opening" select="($div/(tei:dateline | tei:opener)[empty(preceding-sibling::*[not(self::tei:pb or self::tei:lb
        or self::tei:cb or self::tei:milestone or self::tei:anchor or self::tei:fw or self::tei:note or self::tei:index)])]
        ! (self::tei:dateline, tei:dateline)[1])[1]"/>
    <!-- (its words as read: a line break or a space between two is one, and so is the start of a
         part it sets apart, schnitzler-briefe's <seg rend="left">place</seg><seg rend="right">date</seg>) -->
    <xsl:sequence select="$opening ! normalize-space(string-join(.//(text() | tei:lb | tei:space | tei:seg)[not(ancestor::tei:note or ancestor::tei:sic
        or ancestor::tei:orig or ancestor::tei:abbr or ancestor::tei:fw or ancestor::tei:del)] ! (if (. instance of element()) then ' ' else string(.)), ''))[.]"/>
  </xsl:function>

  <!-- An entry whose date stands at the head of its first paragraph instead of a dateline ("<p><date
       when="1901-03-04">4. März</date>. Heute …</p>") is named by that date as by a dateline: only
       a date the paragraph opens with, not one met further on. -->
  <xsl:function name="ria:opening-date-title" as="xs:string?">
    <xsl:param name="div" as="element()"/>
    <xsl:variable name="first" select="$div/*[not(self::tei:pb or self::tei:lb or self::tei:cb or self::tei:milestone
        or self::tei:anchor or self::tei:fw or self::tei:note or self::tei:index)][1][self::tei:p]"/>
    <xsl:variable name="opening" select="$first/node()[not(self::text()[not(normalize-space())] or self::tei:pb or self::tei:lb
        or self::tei:anchor or self::tei:milestone)][1]"/>
    <xsl:variable name="date" select="$opening/descendant-or-self::*[self::tei:date or self::tei:time][1]
        [empty(preceding::text()[normalize-space()] intersect $opening//text())]"/>
    <xsl:sequence select="$date[@when or @from or @notBefore or @when-iso or @when-custom]
        ! normalize-space(string-join(.//text()[not(ancestor::tei:note or ancestor::tei:sic or ancestor::tei:orig
            or ancestor::tei:abbr or ancestor::tei:del)], ''))[.]"/>
  </xsl:function>

  <!-- A listed letter's line, as ria:correspondence-line words it, its persons and places linked
       to the authority files their @ref names (GND, VIAF, GeoNames: the only pages CMIF gives
       them); where and when it was received after it ("received: Mannheim"), where given. -->
  <xsl:template name="listed-letter-line">
    <xsl:variable name="actions" select="*[local-name() = 'correspAction']"/>
    <xsl:variable name="sent" select="$actions[@type = ('sent', 'sending') or not(@type)]"/>
    <xsl:variable name="received" select="$actions[@type = ('received', 'receiving')]"/>
    <xsl:variable name="who" select="($sent, $received)[exists(ria:agents(.))]"/>
    <span class="correspondence">
      <xsl:for-each select="$who">
        <xsl:if test="position() gt 1"><xsl:value-of select="$letter-labels('to')"/></xsl:if>
        <xsl:call-template name="linked-words"><xsl:with-param name="names" select="ria:agents(.)"/>
          <xsl:with-param name="between" select="$letter-labels('and')"/></xsl:call-template>
      </xsl:for-each>
      <xsl:variable name="places" select="$sent/*[local-name() = ('placeName', 'settlement')]"/>
      <xsl:variable name="date" select="ria:action-date($sent)"/>
      <xsl:if test="exists($places)">
        <xsl:if test="exists($who)">, </xsl:if>
        <xsl:call-template name="linked-words"><xsl:with-param name="names" select="$places"/>
          <xsl:with-param name="between" select="$letter-labels('or')"/></xsl:call-template>
      </xsl:if>
      <xsl:if test="normalize-space($date)">
        <xsl:if test="exists($who | $places)">, </xsl:if>
        <xsl:value-of select="$date"/>
      </xsl:if>
    </span>
    <xsl:variable name="received-places" select="$received/*[local-name() = ('placeName', 'settlement')]"/>
    <xsl:variable name="received-date" select="ria:action-date($received)"/>
    <xsl:if test="exists($received-places) or normalize-space($received-date)">
      <xsl:text> · </xsl:text>
      <span class="letter-received"><xsl:value-of select="concat($letter-labels('received'), ': ')"/>
        <xsl:call-template name="linked-words"><xsl:with-param name="names" select="$received-places"/>
          <xsl:with-param name="between" select="$letter-labels('or')"/></xsl:call-template>
        <xsl:if test="exists($received-places) and normalize-space($received-date)">, </xsl:if>
        <xsl:value-of select="$received-date"/>
      </span>
    </xsl:if>
  </xsl:template>
  <xsl:template name="linked-words">
    <xsl:param name="names" as="element()*"/>
    <xsl:param name="between" as="xs:string"/>
    <xsl:for-each select="$names">
      <xsl:if test="position() gt 1"><xsl:value-of select="$between"/></xsl:if>
      <xsl:variable name="authority" select="tokenize(normalize-space(@ref), ' ')[matches(., '^https?://')][1]"/>
      <xsl:choose>
        <xsl:when test="exists($authority)"><a href="{$authority}"><xsl:value-of select="ria:name-words(.)"/></a></xsl:when>
        <xsl:otherwise><xsl:value-of select="ria:name-words(.)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>
  <xsl:function name="ria:agents" as="element()*">
    <xsl:param name="action" as="element()"/>
    <xsl:sequence select="$action/*[local-name() = ('persName', 'orgName', 'name', 'rs')][normalize-space()]"/>
  </xsl:function>

  <!-- "sender → addressee, place, date" of a correspDesc. -->
  <xsl:function name="ria:correspondence-line" as="xs:string">
    <xsl:param name="desc" as="element()"/>
    <!-- CMIF's first drafts name the actions "sending" and "receiving". -->
    <xsl:variable name="actions" select="$desc/*[local-name() = 'correspAction']"/>
    <xsl:variable name="sent" select="$actions[@type = ('sent', 'sending') or not(@type)]"/>
    <xsl:variable name="received" select="$actions[@type = ('received', 'receiving')]"/>
    <xsl:sequence select="string-join((
        string-join((ria:correspondents($sent), ria:correspondents($received))[normalize-space()], $letter-labels('to')),
        ria:action-place($sent), ria:action-date($sent))[normalize-space()], ', ')"/>
  </xsl:function>

  <!-- A record of a letter in the text itself (CMIF's correspondence records in a listBibl, of
       the TEI's or the Correspondence SIG's namespace) reads as the header's line does: "A &amp; B →
       C, place, date", not its names run together; what else it holds follows. -->
  <xsl:template match="*[local-name() = 'correspDesc'][*[local-name() = 'correspAction']][ancestor::tei:text]">
    <span class="correspondence"><xsl:value-of select="ria:correspondence-line(.)"/></span>
    <xsl:apply-templates select="* except *[local-name() = 'correspAction']"/>
  </xsl:template>

  <!-- A letter among others in one file (an anthology): its division points to its own
       correspDesc (@decls), whose line leads it, after its heading if it has one. -->
  <xsl:template match="*[ria:is-division(.)][@decls][exists(ria:letter-of(.))]" priority="1">
    <xsl:variable name="division"><xsl:next-match/></xsl:variable>
    <xsl:variable name="line" as="element()">
      <p class="correspondence" lang="en"><xsl:value-of select="ria:correspondence-line(ria:letter-of(.))"/></p>
    </xsl:variable>
    <xsl:for-each select="$division/*">
      <xsl:variable name="heading" select="*[1][self::h:h1 or self::h:h2 or self::h:h3 or self::h:h4 or self::h:h5 or self::h:h6]"/>
      <xsl:copy>
        <xsl:copy-of select="@*, $heading, $line, node() except $heading"/>
      </xsl:copy>
    </xsl:for-each>
  </xsl:template>
  <xsl:function name="ria:letter-of" as="element(tei:correspDesc)?">
    <xsl:param name="division" as="element()"/>
    <xsl:sequence select="(tokenize(normalize-space($division/@decls), ' ')[starts-with(., '#')]
        ! key('ids', substring(., 2), root($division)))[self::tei:correspDesc][1]"/>
  </xsl:function>

  <xsl:function name="ria:correspondents" as="xs:string?">
    <xsl:param name="actions" as="element()*"/>
    <xsl:sequence select="string-join($actions/*[local-name() = ('persName', 'orgName', 'name', 'rs')] ! ria:name-words(.)[.], $letter-labels('and'))"/>
  </xsl:function>

  <xsl:function name="ria:action-place" as="xs:string?">
    <xsl:param name="actions" as="element()*"/>
    <xsl:sequence select="string-join($actions/*[local-name() = ('placeName', 'settlement')] ! normalize-space(), $letter-labels('or'))"/>
  </xsl:function>

  <!-- A date as the letter's editors wrote it (with its brackets and question marks); an empty
       one as words from its plain ISO attributes. -->
  <xsl:function name="ria:action-date" as="xs:string?">
    <xsl:param name="actions" as="element()*"/>
    <xsl:sequence select="string-join(
        for $date in $actions/*[local-name() = 'date'] return
          if (normalize-space($date)) then normalize-space($date)
          else string-join(($date/(@when, @notBefore, @from)[1], $date/(@notAfter, @to)[1])
              [matches(., '^\d{4}(-\d{2}(-\d{2})?)?$')] ! ria:month(.), '–'),
        $letter-labels('or'))"/>
  </xsl:function>

  <!-- The Van Gogh Letters' blank line (vg:whiteline), between the letter's blocks or at the end
       of one: a gap of a line's height where the writer left one, nothing to read aloud. -->
  <xsl:template match="vg:whiteline">
    <span class="whiteline" aria-hidden="true"></span>
  </xsl:template>
</xsl:stylesheet>
