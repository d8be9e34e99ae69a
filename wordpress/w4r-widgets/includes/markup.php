<?php
/** What a shortcode or block puts in the page: the widgets with w4r.js, or the endpoint's iframe. */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/** The widgets, by their element names without `w4r-`, as the endpoint's /embed page knows them. */
const W4R_WIDGETS_ALL     = array( 'case-card', 'counter', 'petition', 'share', 'solidarity-wall', 'letter' );
const W4R_WIDGETS_DEFAULT = array( 'case-card', 'counter', 'petition', 'share' );
/** The frame's height when nothing sizes it; embed.js sizes it to its content. */
const W4R_WIDGETS_FRAME_HEIGHT = 900;

/**
 * The choices of one shortcode or block, checked as the endpoint checks its /embed query: a case id of
 * lower-case letters, digits and dashes; known widgets, each once; a known theme; a source of letters,
 * digits and `. : / - _`. Returns the values, or a WP_Error naming what is wrong.
 */
function w4r_widgets_choices( $atts, $settings ) {
	$case = trim( (string) ( $atts['case'] ?? '' ) );
	if ( ! preg_match( '/^[a-z0-9][a-z0-9-]{0,63}$/', $case ) ) {
		return new WP_Error( 'w4r_case', 'Name the case with its id, such as case="gustavo-gatica".' );
	}
	$widgets = trim( (string) ( $atts['widgets'] ?? '' ) );
	$widgets = '' === $widgets ? W4R_WIDGETS_DEFAULT : array_map( 'trim', explode( ',', $widgets ) );
	foreach ( $widgets as $widget ) {
		if ( ! in_array( $widget, W4R_WIDGETS_ALL, true ) ) {
			return new WP_Error( 'w4r_widgets', 'Each widget is one of: ' . implode( ', ', W4R_WIDGETS_ALL ) . '.' );
		}
	}
	if ( count( array_unique( $widgets ) ) !== count( $widgets ) ) {
		return new WP_Error( 'w4r_widgets', 'Name each widget once.' );
	}
	$locale = (string) ( $atts['locale'] ?? '' );
	$theme  = (string) ( $atts['theme'] ?? '' );
	$source = trim( (string) ( $atts['source'] ?? '' ) );
	$mode   = (string) ( $atts['mode'] ?? '' );
	if ( '' !== $locale && '' === w4r_widgets_sanitize_locale( $locale ) ) {
		return new WP_Error( 'w4r_locale', 'The language is a code such as es or fr.' );
	}
	if ( '' !== $theme && ! in_array( $theme, W4R_WIDGETS_THEMES, true ) ) {
		return new WP_Error( 'w4r_theme', 'The theme is one of: ' . implode( ', ', W4R_WIDGETS_THEMES ) . '.' );
	}
	if ( '' !== $source && ! preg_match( '/^[\w.:\/-]{1,64}$/', $source ) ) {
		return new WP_Error( 'w4r_source', 'The source is letters, digits and . : / - _ only, 64 at most.' );
	}
	if ( '' !== $mode && ! in_array( $mode, W4R_WIDGETS_MODES, true ) ) {
		return new WP_Error( 'w4r_mode', 'The mode is script or iframe.' );
	}
	return array(
		'case'    => $case,
		'widgets' => $widgets,
		'locale'  => '' !== $locale ? $locale : $settings['locale'],
		'theme'   => '' !== $theme ? $theme : $settings['theme'],
		'source'  => $source,
		'mode'    => '' !== $mode ? $mode : $settings['mode'],
	);
}

/** The endpoint's /embed/:case address for these choices, with only what differs from its defaults. */
function w4r_widgets_embed_url( $endpoint, $choices ) {
	$query = array();
	if ( W4R_WIDGETS_DEFAULT !== $choices['widgets'] ) {
		$query['widgets'] = implode( ',', $choices['widgets'] );
	}
	if ( '' !== $choices['locale'] ) {
		$query['locale'] = $choices['locale'];
	}
	if ( 'default' !== $choices['theme'] ) {
		$query['theme'] = $choices['theme'];
	}
	if ( '' !== $choices['source'] ) {
		$query['source'] = $choices['source'];
	}
	$url = $endpoint . '/embed/' . rawurlencode( $choices['case'] );
	return $query ? $url . '?' . http_build_query( $query, '', '&', PHP_QUERY_RFC3986 ) : $url;
}

/** A refusal only those who can edit see; readers see nothing rather than a broken widget. */
function w4r_widgets_refusal( $message ) {
	if ( ! current_user_can( 'edit_posts' ) ) {
		return '';
	}
	return '<p class="w4r-widgets-refusal"><strong>W4R widgets:</strong> ' . esc_html( $message ) . '</p>';
}

/** The markup for one shortcode or block. */
function w4r_widgets_render( $atts ) {
	$settings = w4r_widgets_settings();
	if ( '' === $settings['endpoint'] ) {
		return w4r_widgets_refusal( 'Set the endpoint address under Settings → W4R widgets.' );
	}
	$choices = w4r_widgets_choices( $atts, $settings );
	if ( is_wp_error( $choices ) ) {
		return w4r_widgets_refusal( $choices->get_error_message() );
	}
	$endpoint = $settings['endpoint'];

	if ( 'iframe' === $choices['mode'] ) {
		wp_enqueue_script( 'w4r-widgets-embed', $endpoint . '/embed.js', array(), null, true );
		return sprintf(
			'<iframe src="%s" title="%s" width="100%%" height="%d" style="border:0;width:100%%;max-width:100%%" loading="lazy" allow="web-share; clipboard-write" data-w4r-embed></iframe>',
			esc_url( w4r_widgets_embed_url( $endpoint, $choices ) ),
			esc_attr( $choices['case'] ),
			W4R_WIDGETS_FRAME_HEIGHT
		);
	}

	wp_enqueue_script( 'w4r-widgets', $endpoint . '/w4r.js', array(), null, true );
	$campaign = ' endpoint="' . esc_url( $endpoint ) . '"';
	if ( '' !== $choices['locale'] ) {
		$campaign .= ' locale="' . esc_attr( $choices['locale'] ) . '"';
	}
	if ( 'default' !== $choices['theme'] ) {
		$campaign .= ' theme="' . esc_attr( $choices['theme'] ) . '"';
	}
	if ( '' !== $choices['source'] ) {
		$campaign .= ' source="' . esc_attr( $choices['source'] ) . '"';
	}
	$widgets = '';
	foreach ( $choices['widgets'] as $widget ) {
		$widgets .= sprintf( '<w4r-%1$s case="%2$s"></w4r-%1$s>', esc_attr( $widget ), esc_attr( $choices['case'] ) );
	}
	return '<w4r-campaign' . $campaign . '>' . $widgets . '</w4r-campaign>';
}
